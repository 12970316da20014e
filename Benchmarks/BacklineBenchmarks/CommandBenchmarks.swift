import ArgumentParser
import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging

/// Latency of the everyday commands (issue 4): p50/p99 of `/search`, `/deps --depth 3`,
/// `/whois TEAM`, and the parse + route + render overhead of one invocation without the catalog.
///
/// Run `swift run -c release backline-bench commands --entities 100000`, or call it directly:
///
/// ```swift
/// let store = try await CommandBenchmarks.syntheticCatalog(entities: 100_000)
/// let results = try await CommandBenchmarks.run(store: store, commands: BacklinePaths.discover().commands)
/// print(CommandBenchmarks.markdown(results))
/// ```
enum CommandBenchmarks {
    /// One measured command.
    struct Result: Sendable {
        /// What was measured, e.g. `/deps comp-42 --depth 3`.
        var name: String
        /// The goal from issue 4.
        var goal: Duration
        /// Sorted sample durations.
        var samples: [Duration]
        /// Every Slack body answered, checksummed (compares runs; see ``ContentChecksum``).
        var checksum: ContentChecksum? = nil

        func percentile(_ p: Double) -> Duration {
            samples[min(samples.count - 1, Int((Double(samples.count) * p).rounded(.up)) - 1)]
        }
    }

    /// Measures the four numbers issue 4 asks for against `store`, which should hold the catalog
    /// ``syntheticCatalog(entities:path:)`` builds (the invocations name its entities).
    /// - Parameters:
    ///   - store: the catalog.
    ///   - commands: the `commands/` directory.
    ///   - entities: the `entities` the synthetic catalog was built with.
    ///   - samples: timed runs per command, after a warm-up of a tenth as many.
    static func run(store: CatalogStore, commands: URL, entities: Int = 100_000, samples: Int = 500) async throws -> [Result] {
        let router = try CommandSet.router(commandsDirectory: commands)
        let context = CommandContext(catalog: store, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let invocations: [(String, Duration, (Int) -> String)] = [
            ("/search TEXT (rotating words)", .milliseconds(20), { "/search \(Self.words[$0 % Self.words.count]) \(Self.words[($0 / 7) % Self.words.count])" }),
            ("/search TEXT kind:api", .milliseconds(20), { "/search \(Self.words[$0 % Self.words.count]) kind:api" }),
            ("/deps COMPONENT --depth 3", .milliseconds(10), { "/deps comp-\(($0 * 7919) % Self.componentCount(store: entities)) --depth 3" }),
            ("/whois TEAM", .milliseconds(5), { "/whois team-\(($0 * 31) % Self.teamCount)" }),
        ]
        var results: [Result] = []
        for (name, goal, line) in invocations {
            let durations = try await measure(samples: samples) { index in
                let reply = await router.handle(Invocation(commandLine: line(index)), context: context)
                _ = try SlackReplyRenderer.json(reply)
            }
            // The answers to the first 100 invocations, outside the timed runs.
            var checksum = ContentChecksum()
            for index in 0..<100 {
                checksum.add(try SlackReplyRenderer.json(await router.handle(Invocation(commandLine: line(index)), context: context)))
            }
            results.append(Result(name: name, goal: goal, samples: durations, checksum: checksum))
        }
        results.append(Result(name: "parse + route + render (no catalog)", goal: .microseconds(100), samples: try await overhead(samples: samples * 10, context: context)))
        return results
    }

    /// The invocation pipeline without the catalog: lex and bind a realistic Slack text, route,
    /// answer with a fixed reply, and render it as a Slack body.
    private static func overhead(samples: Int, context: CommandContext) async throws -> [Duration] {
        struct Fixed: CommandHandler {
            func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
                let arguments = try spec.parseArguments(invocation.text)
                return Reply(
                    summary: "x", blocks: [.header("Playlist API"), .fields([ReplyField("Owner", "\(bold: arguments.text("name") ?? "")")]), .list(title: nil, items: ["a", "b", "c"], more: 2)],
                    data: .object(["name": .string(arguments.text("name") ?? "")]))
            }
        }
        var builder = CommandRouterBuilder()
        builder.register("fixed", Fixed())
        let spec = CommandSpec(
            name: "deps", summary: "x", usage: "/deps NAME [--depth N] [--reverse]",
            arguments: [
                ArgumentSpec(name: "name", type: .entity, required: true),
                ArgumentSpec(name: "depth", type: .number, positional: false, defaultValue: "1", minimum: 1, maximum: 5),
                ArgumentSpec(name: "reverse", type: .flag),
            ],
            handler: "fixed")
        let router = try builder.build(specs: [spec])
        return try await measure(samples: samples) { _ in
            let invocation = Invocation(command: "/deps", text: "“playlist-api” --depth 3 --reverse", source: .slackHTTP)
            _ = try SlackReplyRenderer.json(await router.handle(invocation, context: context))
        }
    }

    private static func measure(samples: Int, _ body: (Int) async throws -> Void) async throws -> [Duration] {
        let clock = ContinuousClock()
        for index in 0..<max(1, samples / 10) { try await body(index) }
        var durations: [Duration] = []
        durations.reserveCapacity(samples)
        for index in 0..<samples {
            let start = clock.now
            try await body(index + 1000)
            durations.append(clock.now - start)
        }
        return durations.sorted()
    }

    /// A Markdown table of the results, for BENCHMARKS.md.
    static func markdown(_ results: [Result]) -> String {
        var lines = ["| command | samples | p50 | p99 | goal (p99) | answers' checksum |", "|---|---:|---:|---:|---:|---|"]
        for result in results {
            lines.append("| `\(result.name)` | \(result.samples.count) | \(format(result.percentile(0.5))) | \(format(result.percentile(0.99))) | \(format(result.goal)) | \(result.checksum?.hex ?? "—") |")
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ duration: Duration) -> String {
        let microseconds = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        return microseconds < 1000 ? String(format: "%.0f µs", microseconds) : String(format: "%.2f ms", microseconds / 1000)
    }

    // MARK: - Synthetic catalog

    static let words = ["stream", "playlist", "payment", "search", "artist", "upload", "audio", "profile", "billing", "event", "session", "catalog", "radio", "mix", "token", "insight"]
    static let teamCount = 500
    static let tribeCount = 50
    static let userCount = 5_000

    static func componentCount(store entities: Int) -> Int { max(1, entities - teamCount - tribeCount - userCount - entities / 10 - entities / 20) }

    /// Builds a catalog of about `entities` entities (tribes, teams, people, components with three
    /// dependencies each, APIs and resources) by writing YAML and ingesting it, so it exercises the
    /// same path as a real catalog.
    /// - Parameters:
    ///   - entities: roughly how many entities.
    ///   - path: a database file to fill (nil: in memory).
    static func syntheticCatalog(entities: Int = 100_000, path: String? = nil) async throws -> CatalogStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let components = componentCount(store: entities)
        let apis = entities / 10
        let resources = entities / 20
        var documents: [String] = []
        var fileIndex = 0
        func flush(force: Bool = false) throws {
            guard documents.count >= 200 || (force && !documents.isEmpty) else { return }
            // Directory ingestion reads `catalog-info.yaml` files, as Backstage discovery does.
            let folder = directory.appendingPathComponent("part-\(fileIndex)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try documents.joined(separator: "\n---\n").write(to: folder.appendingPathComponent("catalog-info.yaml"), atomically: false, encoding: .utf8)
            fileIndex += 1
            documents.removeAll(keepingCapacity: true)
        }
        func word(_ n: Int) -> String { words[n % words.count] }
        for tribe in 0..<tribeCount {
            documents.append("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: tribe-\(tribe), title: \(word(tribe).capitalized) Tribe \(tribe)}\nspec: {type: tribe, children: []}")
            try flush()
        }
        for team in 0..<teamCount {
            documents.append("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team-\(team), title: \(word(team).capitalized) Team \(team), annotations: {slack.com/bot-notify: '#team-\(team)'}}\nspec: {type: team, parent: tribe-\(team % tribeCount), children: []}")
            try flush()
        }
        for user in 0..<userCount {
            documents.append("apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: user-\(user), description: Engineer, annotations: {slack.com/user_id: U\(100000 + user)}}\nspec: {profile: {displayName: Person \(user) \(word(user * 3))}, memberOf: [team-\(user % teamCount)]}")
            try flush()
        }
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for component in 0..<components {
            // Dependencies point at lower-numbered components mostly, with a few back edges for cycles.
            let dependencies = (0..<3).map { _ in "component:comp-\(next(components))" } + ["resource:res-\(component % resources)"]
            documents.append("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: comp-\(component), title: \(word(component).capitalized) \(word(component / 16).capitalized) \(component), description: Handles \(word(component)) and \(word(component * 7)) for \(word(component * 13)), tags: [\(word(component * 5))]}
                spec: {type: service, lifecycle: production, owner: team-\(component % teamCount), providesApis: [api-\(component % apis)], consumesApis: [api-\(next(apis))], dependsOn: [\(dependencies.joined(separator: ", "))]}
                """)
            try flush()
        }
        for api in 0..<apis {
            documents.append("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: api-\(api), description: The \(word(api)) \(word(api * 3)) API}\nspec: {type: openapi, lifecycle: production, owner: team-\(api % teamCount), definition: 'openapi: 3.0.0'}")
            try flush()
        }
        for resource in 0..<resources {
            documents.append("apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: res-\(resource), description: \(word(resource)) database}\nspec: {type: database, owner: team-\(resource % teamCount)}")
            try flush()
        }
        try flush(force: true)
        let store = try path.map { try CatalogStore(path: $0) } ?? CatalogStore.inMemory()
        _ = try await CatalogIngester(store: store).ingest([.path(directory.path)])
        return store
    }
}

extension BacklineBenchmarks {
    /// `backline-bench commands --entities 100000`: the command latencies issue 4 asks for.
    struct Commands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "p50/p99 of /search, /deps --depth 3, /whois TEAM, and parse + route + render overhead.")

        @Option(help: "How many entities the synthetic catalog holds.")
        var entities = 100_000

        @Option(help: "Timed runs per command.")
        var samples = 500

        func run() async throws {
            let store = try await CommandBenchmarks.syntheticCatalog(entities: entities)
            let results = try await CommandBenchmarks.run(store: store, commands: BacklinePaths.discover().commands, entities: entities, samples: samples)
            print(CommandBenchmarks.markdown(results))
        }
    }
}
