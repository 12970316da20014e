import Catalog
import ChatOps
import Foundation
import Logging

/// The bundled Tempo demo catalog and command specs, read from the source tree.
enum DemoCatalog {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh in-memory store holding the demo catalog.
    static func store() async throws -> CatalogStore {
        let store = try CatalogStore.inMemory()
        _ = try await CatalogIngester(store: store).ingest([.path(packageRoot.appendingPathComponent("config/catalog").path)])
        return store
    }

    /// A fresh in-memory store holding the entities of one YAML file.
    static func store(yaml: String) async throws -> CatalogStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try yaml.write(to: directory.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        let store = try CatalogStore.inMemory()
        _ = try await CatalogIngester(store: store).ingest([.path(directory.path)])
        return store
    }

    /// The shipped specs in `commands/`.
    static func specs() throws -> [CommandSpec] {
        try CommandSpec.load(from: packageRoot.appendingPathComponent("commands"))
    }

    /// A router over the shipped specs with the built-in handlers (as `CommandSet` wires them).
    static func router() throws -> CommandRouter {
        let specs = try specs()
        var builder = CommandRouterBuilder()
        builder.register("owner", OwnerCommand())
        builder.register("help", HelpCommand(specs: { specs }))
        builder.register("whois", WhoisCommand())
        builder.register("search", SearchCommand())
        builder.register("deps", DepsCommand())
        builder.register("apis", ApisCommand())
        builder.register("docs", DocsCommand())
        builder.register("oncall", OnCallCommand(goalies: nil))
        builder.register("incident", IncidentCommand(desk: nil))
        return try builder.build(specs: specs)
    }

    static let fixedNow = Date(timeIntervalSince1970: 1_800_000_000)

    static func context(_ store: CatalogStore) -> CommandContext {
        CommandContext(catalog: store, logger: Logger(label: "test"), now: { fixedNow })
    }

    /// Answers `commandLine` against `store` through the router.
    static func ask(_ commandLine: String, store: CatalogStore, caller: Caller = .anonymous) async throws -> Reply {
        await (try router()).handle(Invocation(commandLine: commandLine, caller: caller, source: .cli), context: context(store))
    }
}
