import Catalog
import ChatOps
import Foundation
import Logging
import Testing

/// A small catalog written as real Backstage YAML: a tribe with two squads, a service with docs,
/// a Component and an API sharing a name, and some broken data.
enum TestCatalog {
    static let files: [String: String] = [
        "org/catalog-info.yaml": """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: listening
              title: Listening Experience
            spec: {type: tribe, children: [playlists, identity, silent]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: playlists
              title: Playlists
              annotations: {slack.com/bot-notify: '#squad-playlists'}
            spec: {type: team, parent: listening, children: [], profile: {email: playlists@tempo.example}}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: identity
              title: Identity
              annotations: {slack.com/bot-notify: '#squad-identity'}
            spec: {type: team, parent: listening, children: []}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: silent}
            spec: {type: team, parent: listening, children: []}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: maria.gonzalez
              annotations: {slack.com/user_id: U0MARIA01}
            spec: {memberOf: [playlists], profile: {displayName: María González}}
            """,
        "systems/catalog-info.yaml": """
            apiVersion: backstage.io/v1alpha1
            kind: Domain
            metadata: {name: listening, title: Listening}
            spec: {owner: listening}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata: {name: playlist-management, title: Playlist Management}
            spec: {owner: playlists, domain: listening}
            """,
        "services/playlist-api/catalog-info.yaml": """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: playlist-api
              title: Playlist API
              description: Stores and serves playlists.
              annotations:
                backstage.io/source-location: 'url:https://github.com/tempo-music/playlist-api/'
                backstage.io/techdocs-ref: 'dir:./docs-site'
                backline.io/tier: '1'
              tags: [java]
              links:
                - {url: 'https://grafana.tempo.example/d/playlist-api', title: Dashboard}
            spec: {type: service, lifecycle: production, owner: playlists, system: playlist-management}
            """,
        "services/user-profile/catalog-info.yaml": """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: user-profile}
            spec: {type: service, lifecycle: production, owner: identity}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata: {name: user-profile}
            spec: {type: openapi, lifecycle: production, owner: identity, definition: 'openapi: 3.0.0'}
            """,
        "services/radio/catalog-info.yaml": """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: radio-station-service}
            spec: {type: service, lifecycle: deprecated, owner: team-legacy-radio}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: quiet-service}
            spec: {type: service, lifecycle: production, owner: silent}
            """,
    ]

    /// A store holding the catalog, ingested from real files.
    static func store() async throws -> CatalogStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-chatops-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, text) in files {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let store = try CatalogStore.inMemory()
        let report = try await CatalogIngester(store: store).ingest([.path(directory.path)])
        try #require(report.problems.isEmpty, "test catalog must be valid: \(report.problems)")
        return store
    }

    static let ownerSpec = CommandSpec(name: "owner", aliases: ["who-owns"], summary: "Who owns an entity", usage: "/owner NAME", examples: ["/owner playlist-api"], handler: "owner")
    static let helpSpec = CommandSpec(name: "help", summary: "What Backline answers", usage: "/help [COMMAND]", handler: "help")

    /// The router with the built-in commands.
    static func router() throws -> CommandRouter {
        let specs = [ownerSpec, helpSpec]
        var builder = CommandRouterBuilder()
        builder.register("owner", OwnerCommand())
        builder.register("help", HelpCommand(specs: { specs }))
        return try builder.build(specs: specs)
    }

    /// Runs one command line against the test catalog.
    static func ask(_ commandLine: String, store: CatalogStore) async throws -> Reply {
        let context = CommandContext(catalog: store, logger: Logger(label: "test"))
        return await try router().handle(Invocation(commandLine: commandLine), context: context)
    }
}
