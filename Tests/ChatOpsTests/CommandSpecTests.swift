import ChatOps
import Foundation
import Testing

@Suite("Command specs in commands/")
struct CommandSpecTests {
    private func load(_ yaml: String) throws -> CommandSpec {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-specs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("cmd.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try CommandSpec.load(file: file)
    }

    @Test("a complete spec loads")
    func valid() throws {
        let spec = try load("name: owner\naliases: [who-owns]\nsummary: Who owns it\nusage: /owner NAME\nexamples: [/owner x]\nhandler: owner\n")
        #expect(spec == CommandSpec(name: "owner", aliases: ["who-owns"], summary: "Who owns it", usage: "/owner NAME", examples: ["/owner x"], handler: "owner"))
    }

    @Test("problems name the file and the field", arguments: [
        ("summary: x\nusage: /x\nhandler: x", "missing field \"name\""),
        ("name: Owner\nsummary: x\nusage: /Owner\nhandler: x", "field \"name\""),
        ("name: x\naliases: ['/y']\nsummary: x\nusage: /x\nhandler: x", "field \"aliases[0]\""),
        ("name: x\nsummary: ' '\nusage: /x\nhandler: x", "field \"summary\" is empty"),
        ("name: x\nsummary: s\nusage: /y\nhandler: x", "field \"usage\" must start with /x"),
        ("name: x\nsummary: s\nusage: /x\nhandler: [a]", "field \"handler\""),
    ])
    func invalid(_ yaml: String, _ message: String) {
        let error = #expect(throws: CommandSpecError.self) { try load(yaml) }
        #expect(error?.file == "cmd.yaml")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test("the shipped commands/ directory loads")
    func shippedSpecs() throws {
        let commands = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("commands")
        let specs = try CommandSpec.load(from: commands)
        #expect(specs.map(\.name).contains("owner"))
    }
}
