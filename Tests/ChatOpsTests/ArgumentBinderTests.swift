import ChatOps
import Testing

@Suite("Binding arguments to a command's typed spec")
struct ArgumentBinderTests {
    static let deps = CommandSpec(
        name: "deps", summary: "Dependencies", usage: "/deps NAME [--depth N] [--reverse]",
        arguments: [
            ArgumentSpec(name: "name", type: .entity, required: true),
            ArgumentSpec(name: "depth", type: .number, positional: false, defaultValue: "1", minimum: 1, maximum: 5),
            ArgumentSpec(name: "reverse", type: .flag),
        ],
        handler: "deps")

    static let search = CommandSpec(
        name: "search", summary: "Search", usage: "/search TEXT [--page N]",
        arguments: [
            ArgumentSpec(name: "text", type: .text, required: true),
            ArgumentSpec(name: "page", type: .number, positional: false, defaultValue: "1", minimum: 1),
        ],
        handler: "search")

    static let lifecycle = CommandSpec(
        name: "lifecycle", summary: "Lifecycle", usage: "/lifecycle STAGE",
        arguments: [ArgumentSpec(name: "stage", type: .enum, required: true, values: ["deprecated", "experimental", "production"])],
        handler: "x")

    static let bound: [(spec: CommandSpec, text: String, expected: [String: ArgumentValue])] = [
        (deps, "playlist-api", ["name": .entity(.name("playlist-api")), "depth": .number(1)]),
        (deps, "playlist-api --depth 3 --reverse", ["name": .entity(.name("playlist-api")), "depth": .number(3), "reverse": .flag(true)]),
        (deps, "--depth=2 playlist-api", ["name": .entity(.name("playlist-api")), "depth": .number(2)]),
        (deps, "depth=4 name=component:default/playlist-api", ["name": .entity(.name("component:default/playlist-api")), "depth": .number(4)]),
        (deps, "reverse=no playlist-db", ["name": .entity(.name("playlist-db")), "depth": .number(1), "reverse": .flag(false)]),
        (deps, "<@U043EGJKP|maria.gonzalez>", ["name": .entity(.chatUser(id: "U043EGJKP", label: "maria.gonzalez")), "depth": .number(1)]),
        (deps, "“playlist-api” --depth “2”", ["name": .entity(.name("playlist-api")), "depth": .number(2)]),
        (search, "payments api --page 2", ["text": .text("payments api"), "page": .number(2)]),
        (search, "\"release notes\" kind:api", ["text": .text("release notes kind:api"), "page": .number(1)]),
        (search, "R&amp;D tools", ["text": .text("R&D tools"), "page": .number(1)]),
        (search, "a=b c", ["text": .text("a=b c"), "page": .number(1)]),
        (lifecycle, "Deprecated", ["stage": .choice("deprecated")]),
    ]

    @Test("Text binds to typed values", arguments: bound)
    func binds(_ example: (spec: CommandSpec, text: String, expected: [String: ArgumentValue])) throws {
        #expect(try example.spec.parseArguments(example.text).values == example.expected)
    }

    static let rejected: [(spec: CommandSpec, text: String, problem: String)] = [
        (deps, "", "Missing NAME."),
        (deps, "playlist-api --depth", "--depth needs a value."),
        (deps, "playlist-api --depth three", "depth must be a whole number, not “three”."),
        (deps, "playlist-api --depth 9", "depth must be at most 5."),
        (deps, "playlist-api --depth 0", "depth must be at least 1."),
        (deps, "playlist-api --colour red", "Unknown option --colour. Options: --depth, --reverse."),
        (deps, "playlist-api extra", "Unexpected “extra”."),
        (deps, "\"two words\"", "Give one entity name, not “two words”."),
        (deps, "playlist-api --depth 2 depth=3", "depth is given twice."),
        (deps, "playlist-api reverse=maybe", "reverse is a flag: give --reverse, or reverse=true or false."),
        (deps, "<https://example.com|x>", "name must be an entity, not “x”."),
        (lifecycle, "retired", "stage must be one of deprecated, experimental, production, not “retired”."),
    ]

    @Test("Text that does not fit is a usage error with the usage line", arguments: rejected)
    func rejects(_ example: (spec: CommandSpec, text: String, problem: String)) {
        #expect(throws: UsageError(example.problem, usage: example.spec.usage)) {
            try example.spec.parseArguments(example.text)
        }
    }

    @Test("The umbrella command routes by its first word")
    func umbrella() {
        let invocation = Invocation(command: "/backline", text: "owner  playlist-api --x", source: .slackHTTP).resolvingUmbrella()
        #expect(invocation.command == "owner")
        #expect(invocation.text == "playlist-api --x")
        #expect(Invocation(command: "backline", text: "", source: .cli).resolvingUmbrella().command == "help")
        #expect(Invocation(command: "owner", text: "x", source: .cli).resolvingUmbrella().command == "owner")
    }
}
