import Catalog
import ChatOps
import Testing

@Suite("Who may run a command", .timeLimit(.minutes(3)))
struct CommandAccessTests {
    static let restricted = CommandSpec(
        name: "secret", summary: "Only for Playback", usage: "/secret",
        allowed: .members(of: [EntityRef(kind: "group", name: "listening-experience")]), handler: "help")

    func router() throws -> CommandRouter {
        let specs = [Self.restricted, CommandSpec(name: "help", summary: "Help", usage: "/help", arguments: [ArgumentSpec(name: "command", type: .text)], handler: "help")]
        var builder = CommandRouterBuilder()
        builder.register("help", HelpCommand(specs: { specs }))
        return try builder.build(specs: specs)
    }

    @Test("Members of a listed group's sub-teams may run it; others are told who may")
    func membersOnly() async throws {
        let store = try await DemoCatalog.store()
        let router = try router()
        let maria = await router.handle(Invocation(commandLine: "/secret", caller: Caller(userID: "U043EGJKP")), context: DemoCatalog.context(store))
        #expect(maria.data["error"] == nil)
        let anonymous = await router.handle(Invocation(commandLine: "/secret"), context: DemoCatalog.context(store))
        #expect(anonymous.data["error"]?["kind"] == "not-allowed")
        #expect(anonymous.summary == "Only members of group:listening-experience may run /secret.")
    }

    @Test("/help lists only what the caller may run")
    func helpFilters() async throws {
        let store = try await DemoCatalog.store()
        let router = try router()
        let anonymous = await router.handle(Invocation(commandLine: "/help"), context: DemoCatalog.context(store))
        #expect(anonymous.data["commands"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["help"])
        let maria = await router.handle(Invocation(commandLine: "/help", caller: Caller(userID: "maria.gonzalez")), context: DemoCatalog.context(store))
        #expect(maria.data["commands"]?.arrayValue?.count == 2)
    }

    @Test("A spec's in_channel visibility applies to its answers but not to its errors")
    func visibility() async throws {
        let store = try await DemoCatalog.store()
        let spec = CommandSpec(name: "help", summary: "Help", usage: "/help", arguments: [ArgumentSpec(name: "command", type: .text)], visibility: .inChannel, handler: "help")
        var builder = CommandRouterBuilder()
        builder.register("help", HelpCommand(specs: { [spec] }))
        let router = try builder.build(specs: [spec])
        #expect(await router.handle(Invocation(commandLine: "/help"), context: DemoCatalog.context(store)).visibility == .inChannel)
        #expect(await router.handle(Invocation(commandLine: "/help nope"), context: DemoCatalog.context(store)).visibility == .ephemeral)
    }
}
