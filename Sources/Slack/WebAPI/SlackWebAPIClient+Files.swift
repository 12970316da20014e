import AsyncHTTPClient
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where to send a file's bytes, from `files.getUploadURLExternal`.
public struct SlackUploadTicket: Sendable, Hashable, Decodable {
    /// A one-off URL that takes the bytes; it is itself the credential, so it is never logged.
    public var uploadURL: String
    /// The file's id (`F…`), to name in `files.completeUploadExternal`.
    public var fileID: String

    /// Creates a ticket.
    public init(uploadURL: String, fileID: String) {
        self.uploadURL = uploadURL
        self.fileID = fileID
    }

    enum CodingKeys: String, CodingKey {
        case uploadURL = "upload_url"
        case fileID = "file_id"
    }
}

/// A file Slack holds after `files.completeUploadExternal`.
public struct SlackFile: Sendable, Hashable, Decodable {
    /// The file id (`F…`).
    public var id: String
    /// The title shown above the file, when Slack returned one.
    public var title: String?

    /// Creates a file record.
    public init(id: String, title: String? = nil) {
        self.id = id
        self.title = title
    }
}

extension SlackWebAPIClient {
    /// Uploads a file and shares it in a channel through Slack's current three-step flow
    /// (`files.upload` is retired): ``getUploadURL(filename:length:altText:token:)``, the bytes
    /// posted to the returned URL, then ``completeUpload(files:channelID:initialComment:threadTS:token:)``.
    /// - Parameters:
    ///   - bytes: The file's content; Slack refuses empty files.
    ///   - filename: The name Slack shows and guesses the type from, e.g. `heatmap.png`.
    ///   - title: The title shown above the file.
    ///   - altText: A description for screen readers (images only; Slack allows 1,000 characters).
    ///   - channelID: The conversation to share the file in.
    ///   - initialComment: Message text posted with the file.
    ///   - threadTS: Shares the file as a reply in this thread.
    ///   - token: Overrides the client's token for the two API calls.
    /// - Returns: The shared file.
    public func uploadFile(
        _ bytes: [UInt8], filename: String, title: String, altText: String? = nil, channelID: String,
        initialComment: String? = nil, threadTS: String? = nil, token: SlackToken? = nil
    ) async throws -> SlackFile {
        let ticket = try await getUploadURL(filename: filename, length: bytes.count, altText: altText, token: token)
        try await sendUpload(bytes, to: ticket.uploadURL)
        let files = try await completeUpload(
            files: [(id: ticket.fileID, title: title)], channelID: channelID, initialComment: initialComment, threadTS: threadTS,
            token: token)
        return files.first { $0.id == ticket.fileID } ?? SlackFile(id: ticket.fileID, title: title)
    }

    /// `files.getUploadURLExternal`: reserves a file id and a URL to send `length` bytes to.
    ///
    /// Sent as a form: Slack documents JSON for this method too, but has answered JSON bodies with
    /// `invalid_arguments` in the past, and a form is what its own SDKs send.
    public func getUploadURL(filename: String, length: Int, altText: String? = nil, token: SlackToken? = nil) async throws -> SlackUploadTicket {
        // Slack's own answer to an empty file, without the round trip.
        guard length > 0 else { throw SlackAPIError(method: "files.getUploadURLExternal", code: "missing_argument") }
        var fields = [FormFields.Field(name: "filename", value: filename), FormFields.Field(name: "length", value: String(length))]
        if let altText { fields.append(FormFields.Field(name: "alt_txt", value: String(altText.prefix(1000)))) }
        return try await call("files.getUploadURLExternal", arguments: .form(FormFields(fields)), token: token)
    }

    /// Step two: posts the raw bytes to an upload URL. No token goes with them: the URL is the
    /// credential, and it may point at a host other than the API's.
    ///
    /// Slack answers 200 when it has the bytes; anything else fails as ``SlackHTTPError`` naming
    /// only the URL's host.
    public func sendUpload(_ bytes: [UInt8], to uploadURL: String) async throws {
        var request = HTTPClientRequest(url: uploadURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        request.body = .bytes(ByteBuffer(bytes: bytes))
        let response = try await httpClient.execute(request, timeout: requestTimeout)
        _ = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(response.status.code) else {
            let host = uploadURL.split(separator: "/", maxSplits: 3).dropFirst(2).first.map(String.init) ?? "upload_url"
            throw SlackHTTPError(target: "file upload at \(host)", status: Int(response.status.code), reason: "upload was not accepted")
        }
    }

    /// `files.completeUploadExternal`: finishes uploads and shares the files in a channel (or
    /// keeps them private when `channelID` is nil).
    /// - Parameter files: Each uploaded file's id and the title to show.
    public func completeUpload(
        files: [(id: String, title: String)], channelID: String?, initialComment: String? = nil, threadTS: String? = nil,
        token: SlackToken? = nil
    ) async throws -> [SlackFile] {
        let body = CompleteUploadArguments(
            files: files.map { CompleteUploadArguments.File(id: $0.id, title: $0.title) }, channelID: channelID,
            initialComment: initialComment, threadTS: threadTS)
        return try await call("files.completeUploadExternal", arguments: .json(try SlackJSON.encode(body)), token: token, as: CompleteUploadResult.self).files ?? []
    }
}

private struct CompleteUploadArguments: Encodable {
    struct File: Encodable {
        var id: String
        var title: String
    }

    var files: [File]
    var channelID: String?
    var initialComment: String?
    var threadTS: String?

    enum CodingKeys: String, CodingKey {
        case files
        case channelID = "channel_id"
        case initialComment = "initial_comment"
        case threadTS = "thread_ts"
    }
}

private struct CompleteUploadResult: Decodable {
    var files: [SlackFile]?
}
