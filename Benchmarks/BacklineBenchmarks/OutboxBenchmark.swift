import ArgumentParser
import BacklineServer
import Foundation
import Logging
import ServiceLifecycle
import Slack
import SlackTesting

extension BacklineBenchmarks {
    /// Issue #12's delivery budget: 1,000 queued messages to a fake Slack that enforces one message
    /// per second per channel and a workspace-wide limit; sustained rate ≥ 90 % of what the fake
    /// allows, nothing lost, at most one 429 per channel per minute.
    struct OutboxDelivery: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox",
            abstract: "Deliver N queued messages to a rate-limiting fake Slack; prints the sustained rate, losses and 429s.")

        @Option(help: "Messages queued before the worker starts.")
        var messages = 1_000

        @Option(help: "Channels they are spread over.")
        var channels = 50

        @Option(help: "The fake's workspace-wide limit, posts per minute (the worker is configured with the same).")
        var workspacePerMinute = 1_200

        @Option(help: "Posts the fake lets go back to back before its workspace rate applies.")
        var workspaceBurst = 2

        @Option(help: "Milliseconds the fake takes to answer each post (network latency).")
        var latencyMilliseconds = 0

        @Option(help: "Sends the worker keeps in flight.")
        var concurrency = 4

        func run() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backline-outbox-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var logger = Logger(label: "outbox-bench")
            logger.logLevel = .warning
            let result = try await FakeSlack.withRunning(logger: logger) { fake in
                fake.limitPosting(.init(perChannel: .seconds(1), workspacePerMinute: workspacePerMinute, workspaceBurst: workspaceBurst))
                if latencyMilliseconds > 0 { fake.delayResponses(to: "chat.postMessage", by: .milliseconds(latencyMilliseconds)) }
                let database = try BacklineDatabase.open(path: folder.appendingPathComponent("outbox.sqlite").path)
                let names = (0..<channels).map { "C0BENCH\($0)" }
                let drafts = (0..<messages).map { index in
                    OutboxDraft(kind: "digest", channel: names[index % names.count], text: "digest \(index)", dedupeKey: "bench:\(index)")
                }
                let enqueueStart = ContinuousClock.now
                let ids = try database.outbox.enqueue(drafts)
                let enqueueTime = ContinuousClock.now - enqueueStart
                var settings = OutboxSettings()
                settings.workspaceRatePerMinute = workspacePerMinute
                settings.maxConcurrentSends = concurrency
                settings.instanceName = "bench"
                let worker = OutboxDeliveryService(
                    store: database.outbox,
                    slack: SlackWebAPIClient(baseURL: fake.apiBaseURL, token: SlackToken(fake.botToken), rateLimits: .unlimited, maxRateLimitRetries: 0, logger: logger),
                    mattermost: nil, settings: settings, clock: ContinuousClock(), logger: logger)
                try await withRunningService(worker, logger: logger) {
                    _ = try await fake.calls.matches(count: messages, "every message accepted", timeout: .seconds(Int64(messages * 60 / max(1, workspacePerMinute) * 3 + 60))) {
                        $0.method == "chat.postMessage" && $0.error == nil
                    }
                }
                return (fake.postedMessages, fake.calls.elements, ids, enqueueTime)
            }
            let (posted, calls, ids, enqueueTime) = result
            let span = posted.last!.acceptedAt - posted.first!.acceptedAt
            let seconds = Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18
            let rate = Double(posted.count - 1) / seconds
            let allowed = min(Double(workspacePerMinute) / 60, Double(channels))
            let delivered = Set(posted.compactMap { $0.metadata?["event_payload"]?["outbox_id"]?.stringValue })
            let lost = ids.count - delivered.count
            let duplicates = posted.count - delivered.count
            let refusals = calls.filter { $0.status == 429 }
            var worst = 0
            for channel in Set(refusals.compactMap { $0[string: "channel"] }) {
                worst = max(worst, refusals.filter { $0[string: "channel"] == channel }.count)
            }
            print("| measurement | result |\n|---|---|")
            print("| messages queued (one transaction) | \(ids.count) in \(Int(Double(enqueueTime.components.attoseconds) / 1e15 + Double(enqueueTime.components.seconds) * 1000)) ms |")
            print("| fake's limits | 1 post/s per channel × \(channels) channels, \(workspacePerMinute)/min workspace (burst \(workspaceBurst)), \(latencyMilliseconds) ms answers |")
            print("| delivered | \(delivered.count), lost \(lost), duplicates \(duplicates) |")
            print("| sustained rate | \(String(format: "%.2f", rate)) posts/s of \(String(format: "%.2f", allowed)) allowed (\(String(format: "%.1f", 100 * rate / allowed)) %) over \(String(format: "%.1f", seconds)) s |")
            print("| 429 answers | \(refusals.count) in all, at most \(worst) for one channel |")
        }
    }
}
