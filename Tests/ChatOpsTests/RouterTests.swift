import Catalog
import ChatOps
import Foundation
import Logging
import Testing

@Suite("The command pipeline", .timeLimit(.minutes(3)))
struct RouterTests {
    @Test("an unknown command says which commands exist")
    func unknownCommand() async throws {
        let reply = try await TestCatalog.ask("/ownr playlist-api", store: try await TestCatalog.store())
        #expect(reply.data["error"]?["kind"] == "unknown-command")
        #expect(reply.summary.contains("/help, /owner"))
    }

    @Test("an internal failure becomes a reply with a correlation id, never a crash")
    func internalError() async throws {
        struct Boom: Error {}
        struct Failing: CommandHandler {
            func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply { throw Boom() }
        }
        var builder = CommandRouterBuilder()
        builder.register("fail", Failing())
        let router = try builder.build(specs: [CommandSpec(name: "fail", summary: "Fails", usage: "/fail", handler: "fail")])
        let reply = await router.handle(
            Invocation(commandLine: "/fail"), context: CommandContext(catalog: try CatalogStore.inMemory(), logger: Logger(label: "test")))
        #expect(reply.data["error"]?["kind"] == "internal-error")
        let message = try #require(reply.data["error"]?["message"]?.stringValue)
        #expect(message.contains("with id "))
        #expect(!message.contains("Boom"))
    }

    @Test("freezing rejects duplicate names and aliases, and handlers that do not exist")
    func freezeChecks() throws {
        var builder = CommandRouterBuilder()
        builder.register("owner", OwnerCommand())
        let owner = TestCatalog.ownerSpec
        #expect(throws: CommandSpecError.self) {
            try builder.build(specs: [owner, CommandSpec(name: "who-owns", summary: "x", usage: "/who-owns", handler: "owner")])
        }
        #expect(throws: CommandSpecError.self) {
            try builder.build(specs: [CommandSpec(name: "deps", summary: "x", usage: "/deps", handler: "deps")])
        }
    }

    @Test("/help lists every command; /help NAME shows usage and examples")
    func help() async throws {
        let store = try await TestCatalog.store()
        let all = try await TestCatalog.ask("/help", store: store)
        #expect(all.data["commands"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["help", "owner"])
        let one = try await TestCatalog.ask("/help /owner", store: store)
        #expect(one.data["usage"] == "/owner NAME")
        #expect(PlainTextRenderer.render(one).contains("  • /owner playlist-api"))
        let missing = try await TestCatalog.ask("/help nope", store: store)
        #expect(missing.data["error"]?["kind"] == "usage")
    }

    @Test("a typed command line splits into command and text", arguments: [
        ("/owner playlist-api", "owner", "playlist-api"),
        ("  /OWNER   playlist-api  ", "owner", "playlist-api"),
        ("owner", "owner", ""),
        ("/help owner extra", "help", "owner extra"),
    ])
    func commandLine(_ line: String, _ command: String, _ text: String) {
        let invocation = Invocation(commandLine: line)
        #expect(invocation.command == command)
        #expect(invocation.text == text)
    }
}
