import Catalog
import ChatOps
import Testing

@Suite("Command spec format v2")
struct CommandSpecV2Tests {
    @Test("Every shipped spec loads and freezes into a router")
    func shippedSpecsLoad() throws {
        let router = try DemoCatalog.router()
        let names = router.specs.map(\.name)
        #expect(names == [
            "alerts", "apis", "catalog", "deps", "docs", "health", "help", "incident", "lifecycle", "oncall", "orphans", "owner", "search",
            "template", "whois",
        ])
        #expect(router.spec(named: "who-owns")?.name == "owner")
        #expect(router.spec(named: "lifecycle")?.query != nil)
        #expect(router.spec(named: "lifecycle")?.handler == nil)
    }

    @Test("A full v2 spec reads every field")
    func readsEveryField() throws {
        let spec = try CommandSpec.parse("""
            name: rollout
            aliases: [ship]
            summary: Roll something out
            usage: /rollout NAME ENV [--force]
            examples: ["/rollout playlist-api staging"]
            visibility: in_channel
            allowed: [sre, group:default/platform-infra]
            arguments:
              - { name: name, type: entity, required: true }
              - { name: env, type: enum, values: [staging, production], default: staging }
              - { name: force, type: flag }
            handler: rollout
            """, file: "rollout.yaml")
        #expect(spec.aliases == ["ship"])
        #expect(spec.visibility == .inChannel)
        #expect(spec.allowed == .members(of: [EntityRef(kind: "group", name: "sre"), EntityRef(kind: "group", name: "platform-infra")]))
        #expect(spec.arguments.map(\.type) == [.entity, .enum, .flag])
        #expect(spec.arguments[1].defaultValue == "staging")
        #expect(spec.arguments[2].positional == false)
    }

    static let invalid: [(yaml: String, message: String)] = [
        ("summary: x\nusage: /x\nhandler: x", "x.yaml:1: missing field \"name\""),
        ("name: x\nsummary: x\nusage: /x", "x.yaml: give either field \"handler\" (a built-in) or field \"query\" (sql and template)"),
        ("name: x\nsummary: x\nusage: /x\nhanlder: x", "x.yaml:4: unknown field \"hanlder\" (known: aliases, allowed, arguments, examples, handler, name, query, summary, usage, visibility)"),
        ("name: X\nsummary: x\nusage: /X\nhandler: x", "x.yaml:1: field \"name\" is \"X\": a command name has lower-case letters, digits, - and _, at most 32 characters, no slash"),
        ("name: x\nsummary: x\nusage: /y\nhandler: x", "x.yaml:3: field \"usage\" must start with /x"),
        ("name: x\nsummary: x\nusage: /x\nvisibility: public\nhandler: x", "x.yaml:4: field \"visibility\" is \"public\"; use ephemeral or in_channel"),
        ("name: x\nsummary: x\nusage: /x\nhandler: x\narguments:\n  - name: a\n    type: colour", "x.yaml:7: field \"arguments[0].type\" is \"colour\"; use one of entity, team, user, text, enum, number, flag"),
        ("name: x\nsummary: x\nusage: /x\nhandler: x\narguments:\n  - name: a\n    type: enum", "x.yaml:6: field \"arguments[0].values\" must list the accepted values of an enum argument"),
        ("name: x\nsummary: x\nusage: /x\nhandler: x\narguments:\n  - {name: a, type: text}\n  - {name: b, type: entity}", "x.yaml:5: field \"arguments\" item 0: a positional text argument takes the rest of the line, so it must be the last positional one"),
        ("name: x\nsummary: x\nusage: /x\nhandler: x\nquery: {sql: 'select 1', template: 'x'}", "x.yaml:5: field \"query\" cannot be combined with field \"handler\": give one of them"),
        ("name: x\nsummary: x\nusage: /x\nquery:\n  sql: DELETE FROM entity\n  template: x", "x.yaml:5: field \"query.sql\" must be one read-only SELECT (or WITH … SELECT) over the catalog_* views"),
        ("name: x\nsummary: x\nusage: /x\nquery:\n  sql: SELECT 1\n  template: '{{#rows}}'", "x.yaml:6: field \"query.template\" is not a valid template: {{#rows}} is never closed"),
    ]

    @Test("Invalid specs are rejected naming the file, line and field", arguments: invalid)
    func rejects(_ example: (yaml: String, message: String)) {
        #expect {
            try CommandSpec.parse(example.yaml, file: "x.yaml")
        } throws: { error in
            "\(error)" == example.message
        }
    }

    @Test("Duplicate names and aliases are rejected when the router freezes")
    func duplicates() throws {
        var builder = CommandRouterBuilder()
        builder.register("owner", OwnerCommand())
        let first = CommandSpec(name: "owner", aliases: ["who"], summary: "x", usage: "/owner", handler: "owner")
        let second = CommandSpec(name: "who", summary: "x", usage: "/who", handler: "owner")
        #expect(throws: CommandSpecError.self) { try builder.build(specs: [first, second]) }
    }
}
