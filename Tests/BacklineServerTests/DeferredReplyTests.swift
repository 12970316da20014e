import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging
import ServiceLifecycle
import Slack
import SlackTesting
import Testing

/// A command that answers only when the test opens its gate: slower than any budget.
struct GatedCommand: CommandHandler {
    let gate: AsyncStream<Void>

    func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        for await _ in gate { break }
        return Reply(summary: "slow answer for \(invocation.text)", blocks: [.paragraph("slow answer")], data: .object([:]))
    }
}

@Suite("Slack's 3-second rule and graceful shutdown", .timeLimit(.minutes(3)))
struct DeferredReplyTests {
    private func gateway(fake: FakeSlack, gate: AsyncStream<Void>, runner: CommandRunner) throws -> SlackGateway {
        var builder = CommandRouterBuilder()
        builder.register("slow", GatedCommand(gate: gate))
        let router = try builder.build(specs: [CommandSpec(name: "slow", summary: "Slow", usage: "/slow", handler: "slow")])
        let catalog = try CatalogStore.inMemory()
        let logger = Logger(label: "test")
        let webAPI = SlackWebAPIClient(baseURL: fake.apiBaseURL, token: SlackToken(fake.botToken))
        return SlackGateway(
            answerer: ChatAnswerer(router: router, catalog: catalog, identity: IdentityResolver(catalog: catalog, webAPI: nil, logger: logger), logger: logger),
            runner: runner, webAPI: webAPI, eventReceipts: try BacklineDatabase.open(path: nil).eventReceipts,
            replyBudget: .milliseconds(50), canPost: true, logger: logger)
    }

    private func slashCommand(responseURL: String) -> SlackInbound {
        .slashCommand(SlashCommand(command: "/slow", text: "please", userID: "U1", channelID: "C1", teamID: "T1", responseURL: responseURL))
    }

    @Test("a slow command is acknowledged at once and its answer posted to response_url later")
    func deferredReply() async throws {
        try await FakeSlack.withRunning { fake in
            let (gate, open) = AsyncStream.makeStream(of: Void.self)
            let runner = CommandRunner(logger: Logger(label: "test"))
            let gateway = try gateway(fake: fake, gate: gate, runner: runner)
            try await withRunningService(runner, logger: Logger(label: "test")) {
                let ack = await gateway.handle(slashCommand(responseURL: fake.responseURL("slow")), transport: .slackHTTP)
                guard case .message(let message) = ack else { Issue.record("expected a message ack, got \(ack)"); return }
                #expect(message.text == "Working on /slow please…")
                #expect(message.responseType == .ephemeral)
                open.yield()
                let post = try await fake.responseURLPosts.first("the late reply") { $0.name == "slow" }
                #expect(post.body["text"]?.stringValue == "slow answer for please")
            }
        }
    }

    @Test("graceful shutdown refuses new work but lets in-flight replies finish")
    func shutdownDrains() async throws {
        try await FakeSlack.withRunning { fake in
            let (gate, open) = AsyncStream.makeStream(of: Void.self)
            let runner = CommandRunner(logger: Logger(label: "test"))
            let gateway = try gateway(fake: fake, gate: gate, runner: runner)
            let (started, signalStarted) = AsyncStream.makeStream(of: Void.self)
            let group = ServiceGroup(configuration: .init(
                services: [.init(service: runner), .init(service: StartSignal(continuation: signalStarted))], logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Shutting down before the group runs would race with its start-up.
                for await _ in started { break }
                let ack = await gateway.handle(slashCommand(responseURL: fake.responseURL("drain")), transport: .slackHTTP)
                #expect(ack == .message(SlackMessage(responseType: .ephemeral, text: "Working on /slow please…")))
                await group.triggerGracefulShutdown()
                // The runner's shutdown handler runs on its own task: wait, within a limit, until it
                // stops taking work, then check that new work is refused.
                try await withTimeout {
                    while runner.detach({}) {
                        try Task.checkCancellation()
                        await Task.yield()
                    }
                }
                let refused = await gateway.handle(slashCommand(responseURL: fake.responseURL("refused")), transport: .slackHTTP)
                #expect(refused == .message(SlackMessage(responseType: .ephemeral, text: "Backline is restarting; please try again in a moment.")))
                open.yield()
                try await tasks.waitForAll()
            }
            // The in-flight reply was delivered before the runner stopped.
            #expect(fake.responseURLPosts.elements.map(\.name) == ["drain"])
        }
    }
}
