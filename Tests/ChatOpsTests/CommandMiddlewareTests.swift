import Catalog
import ChatOps
import Foundation
import Logging
import Synchronization
import Testing

@Suite("Middleware around the command pipeline", .timeLimit(.minutes(3)))
struct CommandMiddlewareTests {
    final class Seen: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    /// Records what it saw, before and after the rest of the pipeline.
    struct Witness: CommandMiddleware {
        let tag: String
        let seen: Seen

        func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply {
            seen.append("\(tag) in /\(command.name)")
            let reply = try await next(command, context)
            seen.append("\(tag) out \(reply.outcome.rawValue)")
            return reply
        }
    }

    static let restricted = CommandSpec(
        name: "secret", summary: "Only for Playback", usage: "/secret",
        allowed: .members(of: [EntityRef(kind: "group", name: "listening-experience")]), handler: "help")

    func router() throws -> CommandRouter {
        let specs = [Self.restricted, CommandSpec(name: "help", summary: "Help", usage: "/help", handler: "help")]
        var builder = CommandRouterBuilder()
        builder.register("help", HelpCommand(specs: { specs }))
        return try builder.build(specs: specs)
    }

    @Test("wrapped middleware runs outermost first and sees every outcome, refusals and unknown commands included")
    func seesEveryOutcome() async throws {
        let store = try await DemoCatalog.store()
        let seen = Seen()
        let router = try router().wrapped(in: [Witness(tag: "outer", seen: seen), Witness(tag: "inner", seen: seen)])
        _ = await router.handle(Invocation(commandLine: "/help"), context: DemoCatalog.context(store))
        _ = await router.handle(Invocation(commandLine: "/secret"), context: DemoCatalog.context(store))
        _ = await router.handle(Invocation(commandLine: "/nope"), context: DemoCatalog.context(store))
        #expect(seen.all == [
            "outer in /help", "inner in /help", "inner out ok", "outer out ok",
            "outer in /secret", "inner in /secret", "inner out not-allowed", "outer out not-allowed",
            "outer in /unknown", "inner in /unknown", "inner out unknown-command", "outer out unknown-command",
        ])
    }

    @Test("a middleware may answer without calling the rest, and a throwing one still yields a reply")
    func shortCircuitAndThrow() async throws {
        struct Closed: CommandMiddleware {
            func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply {
                Reply(summary: "closed for maintenance", blocks: [], data: .object([:]))
            }
        }
        struct Exploding: CommandMiddleware {
            struct Bang: Error {}
            func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply { throw Bang() }
        }
        let store = try await DemoCatalog.store()
        let base = try router()
        let closed = await base.wrapped(in: [Closed()]).handle(Invocation(commandLine: "/help"), context: DemoCatalog.context(store))
        #expect(closed.summary == "closed for maintenance")
        let exploded = await base.wrapped(in: [Exploding()]).handle(Invocation(commandLine: "/help"), context: DemoCatalog.context(store))
        #expect(exploded.outcome == .internalError)
        #expect(exploded.summary.contains("with id "))
    }
}
