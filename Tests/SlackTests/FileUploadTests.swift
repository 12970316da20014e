import AsyncHTTPClient
import Slack
import SlackTesting
import Testing

@Suite(.timeLimit(.minutes(3))) struct FileUploadTests {
    private func client(_ slack: FakeSlack) -> SlackWebAPIClient {
        SlackWebAPIClient(baseURL: slack.apiBaseURL, token: SlackToken(slack.botToken), rateLimits: .unlimited, logger: testLogger("webapi"))
    }

    /// Bytes that are not text, with every byte value, so nothing on the way may treat them as UTF-8.
    private let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47] + (0...255).map(UInt8.init) + [0, 0, 0xFF]

    @Test func `the three steps deliver exactly the bytes to the channel with the title`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let file = try await client(slack).uploadFile(
                bytes, filename: "heatmap.png", title: "react (npm)", altText: "a heat map", channelID: "C0PLATFORM",
                initialComment: "versions across teams", threadTS: "1700000000.000001")
            #expect(file.id.hasPrefix("F"))
            #expect(file.title == "react (npm)")
            let shared = try await slack.sharedFiles.first { $0.id == file.id }
            #expect(shared.bytes == bytes)
            #expect(shared.filename == "heatmap.png")
            #expect(shared.title == "react (npm)")
            #expect(shared.altText == "a heat map")
            #expect(shared.channelID == "C0PLATFORM")
            #expect(shared.initialComment == "versions across teams")
            #expect(shared.threadTS == "1700000000.000001")

            let calls = slack.calls.elements
            #expect(calls.map(\.method) == ["files.getUploadURLExternal", "files.completeUploadExternal"])
            #expect(calls[0][string: "filename"] == "heatmap.png")
            #expect(calls[0][string: "length"] == String(bytes.count))
            #expect(calls[0].contentType == "application/x-www-form-urlencoded")
            #expect(calls[1].contentType?.hasPrefix("application/json") == true)
            #expect(calls[1][string: "channel_id"] == "C0PLATFORM")
            #expect(calls.allSatisfy { $0.error == nil })
        }
    }

    @Test func `completing a file whose bytes never arrived fails with file_not_found`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            let ticket = try await api.getUploadURL(filename: "a.png", length: 10)
            #expect(ticket.uploadURL.hasPrefix("http://127.0.0.1:\(slack.port)/"))
            await #expect(throws: SlackAPIError(method: "files.completeUploadExternal", code: "file_not_found")) {
                try await api.completeUpload(files: [(id: ticket.fileID, title: "a")], channelID: "C1")
            }
            await #expect(throws: SlackAPIError(method: "files.completeUploadExternal", code: "file_not_found")) {
                try await api.completeUpload(files: [(id: "F0NOSUCH", title: "b")], channelID: "C1")
            }
            let invalid = await #expect(throws: SlackAPIError.self) {
                try await api.completeUpload(files: [], channelID: "C1")
            }
            #expect(invalid?.code == "invalid_arguments")
            #expect(slack.sharedFiles.elements.isEmpty)
        }
    }

    @Test func `a file is completed once; the upload URL refuses a wrong length and a finished file`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            let ticket = try await api.getUploadURL(filename: "a.bin", length: 3)
            await #expect(throws: SlackHTTPError.self) { try await api.sendUpload([1, 2], to: ticket.uploadURL) }
            try await api.sendUpload([1, 2, 3], to: ticket.uploadURL)
            #expect(slack.uploadsReceived == 1)
            _ = try await api.completeUpload(files: [(id: ticket.fileID, title: "a")], channelID: nil)
            await #expect(throws: SlackAPIError(method: "files.completeUploadExternal", code: "file_not_found")) {
                try await api.completeUpload(files: [(id: ticket.fileID, title: "a")], channelID: nil)
            }
            do {
                try await api.sendUpload([1, 2, 3], to: ticket.uploadURL)
                Issue.record("a finished file must refuse more bytes")
            } catch let error as SlackHTTPError {
                #expect(error.status == 404)
                // The upload URL is a credential: only its host may show.
                #expect(!error.description.contains(ticket.fileID))
            }
            #expect(slack.sharedFiles.elements.map(\.channelID) == [nil])
        }
    }

    @Test func `a failed first step surfaces Slack's error and uploads nothing`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            slack.failNext("files.getUploadURLExternal", with: .error("file_uploads_disabled"))
            await #expect(throws: SlackAPIError(method: "files.getUploadURLExternal", code: "file_uploads_disabled")) {
                try await api.uploadFile([1, 2, 3], filename: "a.png", title: "a", channelID: "C1")
            }
            #expect(slack.calls.elements.map(\.method) == ["files.getUploadURLExternal"])
            #expect(slack.uploadsReceived == 0)
        }
    }

    @Test func `an empty file and a wrong token are refused as Slack refuses them`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            await #expect(throws: SlackAPIError(method: "files.getUploadURLExternal", code: "missing_argument")) {
                try await client(slack).uploadFile([], filename: "empty.png", title: "empty", channelID: "C1")
            }
            #expect(slack.calls.elements.isEmpty)
            await #expect(throws: SlackAPIError(method: "files.getUploadURLExternal", code: "invalid_auth")) {
                try await client(slack).uploadFile([1], filename: "a.png", title: "a", channelID: "C1", token: SlackToken("xoxb-wrong"))
            }
        }
    }

    @Test func `an archived channel refuses the file`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            slack.addConversation(SlackConversation(id: "C0OLD", name: "old", isArchived: true))
            await #expect(throws: SlackAPIError(method: "files.completeUploadExternal", code: "is_archived")) {
                try await client(slack).uploadFile([1, 2], filename: "a.png", title: "a", channelID: "C0OLD")
            }
            #expect(slack.sharedFiles.elements.isEmpty)
        }
    }
}
