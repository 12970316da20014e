import BacklineServer
import Foundation
import Slack
import SlackTesting
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The Done-when crash test: the built `backline serve`, a fake Slack on loopback, 100 queued
/// messages, a SIGKILL in the middle of delivery, a restart; every message must arrive and the
/// duplicates are counted (goal: none).
@Suite("The outbox across a SIGKILL", .timeLimit(.minutes(3)))
struct OutboxCrashTests {
    /// The `backline` executable built next to the test bundle.
    static func binary() -> URL? {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("backline"),
            TestServer.repositoryRoot.appendingPathComponent(".build/debug/backline"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// One `backline serve` process, its output in a log file.
    final class Serve {
        let process: Process
        let log: URL
        let exited: AsyncStream<Int32>

        init(binary: URL, config: URL, log: URL, environment: [String: String]) throws {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            try handle.seekToEnd()
            let process = Process()
            process.executableURL = binary
            process.arguments = ["serve", "--config", config.path, "--log-level", "info"]
            process.currentDirectoryURL = TestServer.repositoryRoot
            process.environment = environment
            process.standardOutput = handle
            process.standardError = handle
            let (exited, sink) = AsyncStream.makeStream(of: Int32.self)
            process.terminationHandler = { finished in
                sink.yield(finished.terminationStatus)
                sink.finish()
            }
            self.process = process
            self.log = log
            self.exited = exited
            try process.run()
        }

        /// Sends `signal` and waits (with a limit) for the process to end.
        func stop(_ signal: Int32) async throws {
            kill(process.processIdentifier, signal)
            let stream = exited
            _ = try await withTimeout(.seconds(20)) {
                for await status in stream { return status }
                return -1
            }
        }

        /// The log's last lines, for a failure message.
        var tail: String {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").suffix(15).joined(separator: "\n")
        }
    }

    /// The outbox ids of every accepted post, from the metadata Slack stored.
    static func deliveredIDs(_ calls: [FakeSlack.WebAPICall]) -> [String] {
        calls.filter { $0.method == "chat.postMessage" && $0.error == nil }.compactMap { call in
            call.arguments["metadata"]?["event_payload"]?["outbox_id"]?.stringValue
        }
    }

    @Test("100 queued messages, serve killed with SIGKILL mid-delivery and restarted: every message arrives, none twice")
    func sigkillMidDelivery() async throws {
        try await Self.crashAndRestart(channels: (1...10).map { "C0CRASH\($0)" }, namedChannels: false)
    }

    @Test("the same with every channel given by name (#crash-1 …), as slack.com/bot-notify usually holds it: none twice")
    func sigkillMidDeliveryToChannelNames() async throws {
        try await Self.crashAndRestart(channels: (1...10).map { "#crash-\($0)" }, namedChannels: true)
    }

    /// Queues ten messages to each of `channels`, kills `serve` with SIGKILL after 30 posts were
    /// accepted, restarts it, and checks that every message arrived once.
    /// - Parameter namedChannels: the channels are names the fake lists (three a page) with
    ///   `conversations.list`; the worker must resolve them to look a message up after the kill.
    static func crashAndRestart(channels: [String], namedChannels: Bool) async throws {
        let binary = try #require(Self.binary(), "build the backline executable first (swift build --build-tests)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backline-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("backline.sqlite")
        let config = folder.appendingPathComponent("backline.yaml")
        try """
            server: {host: 127.0.0.1, port: 0}
            database: backline.sqlite
            catalog: []
            commands: \(TestServer.repositoryRoot.appendingPathComponent("commands").path)
            oncall: {userGroups: false}
            outbox:
              workspaceRatePerMinute: 600
              pollSeconds: 0.5
              instanceName: crash-test
            """.write(to: config, atomically: true, encoding: .utf8)

        try await FakeSlack.withRunning { fake in
            fake.limitPosting(.init(perChannel: .seconds(1), workspacePerMinute: 600, workspaceBurst: 2))
            // Slack accepts each post, then answers half a second later: a kill in between leaves a
            // message delivered but not recorded, the case the history lookup exists for.
            fake.delayResponses(to: "chat.postMessage", by: .milliseconds(500))
            let environment = [
                "SLACK_BOT_TOKEN": fake.botToken, "SLACK_API_URL": fake.apiBaseURL, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "HOME": folder.path,
            ]
            if namedChannels {
                for (index, channel) in channels.enumerated() {
                    fake.addConversation(SlackConversation(id: "C0NAMED\(index + 1)", name: String(channel.dropFirst())))
                }
                fake.limitConversationPages(to: 3)
            }
            let outbox = try BacklineDatabase.open(path: database.path).outbox
            let drafts = (0..<10).flatMap { index in
                channels.map { OutboxDraft(kind: "digest", channel: $0, text: "digest \(index) for \($0)", dedupeKey: "digest:\($0):\(index)") }
            }
            let ids = try outbox.enqueue(drafts)
            #expect(Set(ids).count == 100)

            let first = try Serve(binary: binary, config: config, log: folder.appendingPathComponent("serve-1.log"), environment: environment)
            do {
                _ = try await fake.calls.matches(count: 30, "30 accepted posts before the kill", timeout: .seconds(40)) {
                    $0.method == "chat.postMessage" && $0.error == nil
                }
            } catch {
                try? await first.stop(SIGKILL)
                Issue.record("serve did not deliver: \(first.tail)")
                throw error
            }
            try await first.stop(SIGKILL)
            let beforeRestart = Self.deliveredIDs(fake.calls.elements).count

            let second = try Serve(binary: binary, config: config, log: folder.appendingPathComponent("serve-2.log"), environment: environment)
            do {
                _ = try await fake.calls.wait(for: "all 100 outbox ids delivered", timeout: .seconds(40)) { calls in
                    Set(Self.deliveredIDs(calls)).count >= 100 ? true : nil
                }
            } catch {
                try? await second.stop(SIGKILL)
                Issue.record("not every message arrived after the restart: \(second.tail)")
                throw error
            }
            try await second.stop(SIGTERM)

            let delivered = Self.deliveredIDs(fake.calls.elements)
            let duplicates = delivered.count - Set(delivered).count
            let lookups = fake.calls.elements.filter { $0.method == "conversations.history" }.count
            let refused = fake.calls.elements.filter { $0.status == 429 }.count
            let log = (try? String(contentsOf: second.log, encoding: .utf8)) ?? ""
            let found = log.components(separatedBy: "already delivered; not sending it again").count - 1
            print(
                "outbox crash test (\(namedChannels ? "channel names" : "channel ids")): \(beforeRestart) delivered before SIGKILL, \(Set(delivered).count)/100 in all, \(duplicates) duplicate(s), "
                    + "\(lookups) history lookup(s), \(found) of them finding a message Slack accepted before the kill, \(refused) 429(s)")
            #expect(found >= 1, "the kill landed while Slack's answer was on its way; the restart must find that message in the history")
            #expect(Set(delivered) == Set(ids.map(String.init)))
            #expect(duplicates == 0, "a message was posted twice")
            #expect(lookups >= 1, "the restarted process looked up the message it was sending when killed")
            let counts = try await outbox.counts()
            #expect(counts == OutboxCounts(sent: 100))
            if namedChannels {
                let historyChannels = Set(fake.calls.elements.filter { $0.method == "conversations.history" }.compactMap { $0[string: "channel"] })
                #expect(historyChannels.allSatisfy { $0.hasPrefix("C0NAMED") }, "history is read by conversation id only: \(historyChannels)")
                #expect(fake.calls.elements.filter { $0.method == "conversations.history" }.allSatisfy { $0.error == nil })
                let recorded = try await outbox.messages(in: .sent, limit: 200)
                #expect(recorded.allSatisfy { $0.conversationID?.hasPrefix("C0NAMED") == true }, "every message knows the conversation it went to")
            }
        }
    }
}
