import Foundation
import Testing
@testable import Catalog
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catalog files are untrusted: whoever can commit to a catalog repository writes them. These tests
/// hold the placeholder reader to the source root and to its size and nesting limits.
@Suite("Placeholders stay inside the catalog source", .timeLimit(.minutes(3)))
struct PlaceholderSafetyTests {
    private let componentRef = EntityRef(kind: "component", name: "playlist-api")

    private func ingest(_ tree: TemporaryDirectory, store: CatalogStore) async throws -> IngestReport {
        try await CatalogIngester(store: store, displayBase: tree.path).ingest([.path(tree.path)])
    }

    /// The messages of every problem, joined, to check nothing secret leaked into them.
    private func messages(_ problems: [CatalogProblem]) -> String {
        problems.map(\.description).joined(separator: "\n")
    }

    @Test("an absolute placeholder path is refused, and nothing of the file reaches the catalog or the problem", arguments: [
        "/proc/self/environ", "/etc/hostname", "/etc/passwd",
    ])
    func absolutePathIsRefused(_ path: String) throws {
        let tree = try TemporaryDirectory()
        let file = parse(component(metadata: "description: {$text: \(path)}"), directory: tree.url)
        #expect(file.entities.isEmpty)
        #expect(file.errorRules == ["placeholder"])
        let problem = try #require(file.problems.first)
        #expect(problem.field == "metadata.description")
        #expect(problem.line == 5)
        #expect(problem.message.contains("\(path) is outside the catalog source"), "\(problem.message)")
        #expect(file.refsOfInvalidDocuments == [componentRef])
        let secret = try #require(ProcessInfo.processInfo.environment["PATH"])
        #expect(!messages(file.problems).contains(secret))
    }

    @Test("an absolute placeholder path is refused through the ingester too: the entity is not stored")
    func absolutePathIsNotStored() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("catalog-info.yaml", component(metadata: "description: {$text: /proc/self/environ}"))
        let store = try CatalogStore.inMemory()
        let report = try await ingest(tree, store: store)
        #expect(report.problems.map(\.rule) == ["placeholder"])
        #expect(report.problems.first?.field == "metadata.description")
        #expect(try await store.entity(componentRef) == nil)
        let secret = try #require(ProcessInfo.processInfo.environment["PATH"])
        #expect(!messages(report.problems).contains(secret))
    }

    @Test("`..` that climbs out of the source is refused")
    func dotDotOutOfTheRootIsRefused() async throws {
        let tree = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        try outside.write("secret.txt", "top-secret-value")
        try tree.write("sub/catalog-info.yaml", component(metadata: "description: {$text: ../../\(outside.url.lastPathComponent)/secret.txt}"))
        let store = try CatalogStore.inMemory()
        let report = try await ingest(tree, store: store)
        #expect(report.problems.map(\.rule) == ["placeholder"])
        let problem = try #require(report.problems.first)
        #expect(problem.field == "metadata.description")
        #expect(problem.file == "sub/catalog-info.yaml")
        #expect(problem.message.contains("is outside the catalog source"), "\(problem.message)")
        #expect(!messages(report.problems).contains("top-secret-value"))
        #expect(try await store.entity(componentRef) == nil)
    }

    @Test("`..` that stays inside the source is read")
    func dotDotInsideTheRootIsAllowed() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("sub/shared.txt", "shared description")
        try tree.write("top.txt", "from the top")
        try tree.write("sub/dir/catalog-info.yaml", component(metadata: "description: {$text: ../shared.txt}\ntitle: {$text: ../../top.txt}"))
        let store = try CatalogStore.inMemory()
        let report = try await ingest(tree, store: store)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let stored = try #require(try await store.entity(componentRef))
        #expect(stored.entity.metadata.description == "shared description")
        #expect(stored.entity.metadata.title == "from the top")
    }

    @Test("a symbolic link that leads out of the source is refused, as a file or as a folder on the way")
    func symlinkOutOfTheRootIsRefused() throws {
        let tree = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        let secret = try outside.write("secret.txt", "top-secret-value")
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("link.txt").path, withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("folder").path, withDestinationPath: outside.path)
        for reference in ["./link.txt", "folder/secret.txt"] {
            let file = parse(component(metadata: "description: {$text: \(reference)}"), directory: tree.url)
            #expect(file.entities.isEmpty, "\(reference)")
            #expect(file.errorRules == ["placeholder"], "\(reference)")
            #expect(file.problems.first?.message.contains("is outside the catalog source") == true, "\(file.problems)")
            #expect(!messages(file.problems).contains("top-secret-value"))
        }
    }

    @Test("a symbolic link that stays inside the source is read")
    func symlinkInsideTheRootIsAllowed() throws {
        let tree = try TemporaryDirectory()
        try tree.write("docs/real.txt", "the real text")
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("alias.txt").path, withDestinationPath: "docs/real.txt")
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("linked-docs").path, withDestinationPath: tree.url.appendingPathComponent("docs").path)
        let file = parse(component(metadata: "description: {$text: ./alias.txt}\ntitle: {$text: linked-docs/real.txt}"), directory: tree.url)
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.entities.first?.entity.metadata.description == "the real text")
        #expect(file.entities.first?.entity.metadata.title == "the real text")
    }

    @Test("a descriptor including itself is an error, not a crash")
    func descriptorIncludingItself() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("catalog-info.yaml", component(spec: "extra: {$yaml: ./catalog-info.yaml}"))
        let store = try CatalogStore.inMemory()
        let report = try await ingest(tree, store: store)
        #expect(report.problems.map(\.rule) == ["placeholder"])
        let problem = try #require(report.problems.first)
        #expect(problem.field == "spec.extra")
        #expect(problem.message.contains("catalog-info.yaml → catalog-info.yaml"), "\(problem.message)")
        #expect(try await store.entity(componentRef) == nil)
    }

    @Test("a file including itself, or two files including each other, is an error naming the chain")
    func includeCycles() throws {
        let tree = try TemporaryDirectory()
        try tree.write("loop.yaml", "again: {$yaml: ./loop.yaml}\n")
        try tree.write("cycle/a.yaml", "next: {$yaml: b.yaml}\n")
        try tree.write("cycle/b.yaml", "next: {$yaml: ./a.yaml}\n")
        let selfInclude = parse(component(spec: "extra: {$yaml: ./loop.yaml}"), directory: tree.url)
        #expect(selfInclude.entities.isEmpty)
        #expect(selfInclude.errorRules == ["placeholder"])
        #expect(selfInclude.problems.first?.field?.hasPrefix("spec.extra") == true)
        #expect(selfInclude.problems.first?.message.contains("loop.yaml → loop.yaml") == true, "\(selfInclude.problems)")

        let twoFiles = parse(component(spec: "extra: {$yaml: cycle/a.yaml}"), directory: tree.url)
        #expect(twoFiles.entities.isEmpty)
        #expect(twoFiles.errorRules == ["placeholder"])
        #expect(twoFiles.problems.first?.message.contains("cycle/a.yaml → cycle/b.yaml → cycle/a.yaml") == true, "\(twoFiles.problems)")
    }

    @Test("included files nest at most 8 deep")
    func includeDepthLimit() throws {
        let tree = try TemporaryDirectory()
        // level-1.yaml includes level-2.yaml ... up to level-9.yaml, which includes nothing.
        for level in 1...9 {
            try tree.write("level-\(level).yaml", level == 9 ? "end: true\n" : "level: \(level)\nnext: {$yaml: level-\(level + 1).yaml}\n")
        }
        let withinLimit = parse(component(spec: "extra: {$yaml: level-2.yaml}"), directory: tree.url)
        #expect(withinLimit.problems.isEmpty, "\(withinLimit.problems)")
        #expect(withinLimit.entities.count == 1)

        let beyondLimit = parse(component(spec: "extra: {$yaml: level-1.yaml}"), directory: tree.url)
        #expect(beyondLimit.entities.isEmpty)
        #expect(beyondLimit.errorRules == ["placeholder"])
        #expect(beyondLimit.problems.first?.message.contains("more than 8") == true, "\(beyondLimit.problems)")
    }

    @Test("a file larger than 1 MiB is refused without its content in the message")
    func sizeLimit() throws {
        let tree = try TemporaryDirectory()
        try tree.write("big.txt", String(repeating: "x", count: 1 << 20) + "y")
        try tree.write("exactly.txt", String(repeating: "z", count: 1 << 20))
        let big = parse(component(metadata: "description: {$text: ./big.txt}"), directory: tree.url)
        #expect(big.entities.isEmpty)
        #expect(big.errorRules == ["placeholder"])
        let message = try #require(big.problems.first?.message)
        #expect(message.contains("larger than 1 MiB"), "\(message)")
        #expect(message.count < 300)

        let exactly = parse(component(metadata: "description: {$text: ./exactly.txt}"), directory: tree.url)
        #expect(exactly.problems.isEmpty)
        #expect(exactly.entities.first?.entity.metadata.description?.utf8.count == 1 << 20)
    }

    @Test("a FIFO is refused without waiting for a writer")
    func fifoIsRefused() throws {
        let tree = try TemporaryDirectory()
        let fifo = tree.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let file = parse(component(metadata: "description: {$text: ./pipe}"), directory: tree.url)
        #expect(file.entities.isEmpty)
        #expect(file.errorRules == ["placeholder"])
        #expect(file.problems.first?.message.contains("not a regular file") == true, "\(file.problems)")
    }

    @Test("a document nested deeper than 100 levels is an error, not a stack overflow")
    func yamlNestingLimit() throws {
        let deep = String(repeating: "[", count: 150) + String(repeating: "]", count: 150)
        let file = parse(component(spec: "extra: \(deep)"))
        #expect(file.entities.isEmpty)
        #expect(file.errorRules == ["nesting-depth"])
        #expect(file.problems.first?.message.contains("more than 100 levels") == true, "\(file.problems)")

        // Just under libyaml's own limit of 1000 levels: still refused by ours, and no crash on the way.
        let deeper = String(repeating: "[", count: 990) + String(repeating: "]", count: 990)
        #expect(parse(component(spec: "extra: \(deeper)")).errorRules == ["nesting-depth"])
    }

    @Test("an included JSON or YAML file counts towards the nesting limit")
    func includedNestingLimit() throws {
        let tree = try TemporaryDirectory()
        try tree.write("deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        try tree.write("deep.yaml", "a: " + String(repeating: "[", count: 120) + String(repeating: "]", count: 120) + "\n")
        for directive in ["$json: deep.json", "$yaml: deep.yaml"] {
            let file = parse(component(spec: "extra: {\(directive)}"), directory: tree.url)
            #expect(file.entities.isEmpty, "\(directive)")
            #expect(file.errorRules == ["nesting-depth"], "\(directive): \(file.problems)")
        }
    }

    @Test("aliases that multiply into millions of values are refused")
    func aliasExpansionLimit() throws {
        // Each level refers to the previous one ten times: 10^7 values once expanded.
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...6 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let file = parse(component(spec: lines.joined(separator: "\n")))
        #expect(file.entities.isEmpty)
        #expect(file.errorRules == ["document-size"])
    }
}
