import ArgumentParser
import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging
import TechHealth

/// Issue #10's harvest measurements: synthetic repositories with six manifests each in mixed
/// ecosystems, harvested in full, then with nothing changed, then with one repository in a
/// hundred edited.
struct HealthHarvestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Tech-health harvest: full, no-change and 1%-changed harvests of synthetic repositories.")

    @Option(help: "How many repositories (one Component each).")
    var repositories = 2_000

    @Option(help: "Scratch directory for the repositories and database (replaced).")
    var workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-bench-health").path

    func run() async throws {
        let work = URL(fileURLWithPath: workDirectory)
        try? FileManager.default.removeItem(at: work)
        let repos = work.appendingPathComponent("repos")
        let generated = ContinuousClock.now
        let files = try SyntheticRepositories(count: repositories, directory: repos).write()
        log("generated \(repositories) repositories with \(files) manifest files in \((ContinuousClock.now - generated).formatted)")

        let database = try BacklineDatabase.open(path: work.appendingPathComponent("bench.sqlite").path)
        let ingestStart = ContinuousClock.now
        _ = try await CatalogIngester(store: database.catalog).ingest([.path(repos.path)])
        log("ingested \(try await database.catalog.entityCount()) entities in \((ContinuousClock.now - ingestStart).formatted)")
        // Files written within two seconds of a harvest do not have their times trusted (they may
        // change again within the same clock tick); real repositories are older than that.
        try await Task.sleep(for: .seconds(2.5))

        let harvester = HealthHarvester(catalog: database.catalog, store: database.health)
        var results: [(String, String)] = []
        let full = try await harvester.harvest(now: Date())
        precondition(full.componentsHarvested == repositories && full.sourceProblems.isEmpty, "every repository must be harvested")
        results.append(("Full harvest of \(repositories) repositories (\(full.filesParsed) files parsed, goal ≤ 30 s)", full.duration.formatted))
        for round in 1...3 {
            let again = try await harvester.harvest(now: Date())
            precondition(again.filesParsed == 0 && again.componentsUnchanged == repositories, "nothing should be parsed again")
            results.append(("No-change harvest, round \(round) (goal ≤ 2 s)", again.duration.formatted))
        }
        var edited = 0
        for index in stride(from: 0, to: repositories, by: 100) {
            let file = repos.appendingPathComponent(SyntheticRepositories.name(index)).appendingPathComponent("Dockerfile")
            try (String(contentsOf: file, encoding: .utf8) + "LABEL edited=\"yes\"\n").write(to: file, atomically: true, encoding: .utf8)
            edited += 1
        }
        try await Task.sleep(for: .seconds(2.5))
        let changed = try await harvester.harvest(now: Date())
        precondition(changed.filesParsed == edited, "only the edited files should be parsed")
        results.append(("Harvest after editing one file in \(edited) repositories", changed.duration.formatted))
        let uses = ContinuousClock.now
        let react = try await database.health.uses(ofPackage: "react", in: .npm)
        results.append(("uses(ofPackage: react) across \(react.count) components", (ContinuousClock.now - uses).formatted))
        results += try await answerLatencies(database: database)
        if let memory = peakMemoryMiB() { results.append(("Peak memory", String(format: "%.0f MiB", memory))) }
        print("| measurement | result |\n|---|---|")
        for (name, value) in results { print("| \(name) | \(value) |") }
    }
}

extension HealthHarvestBenchmark {
    /// `/health` answers over the harvested repositories, through the router `serve` uses, with the
    /// bundled release, end-of-life, policy and scorecard files: p50 and p99 of wall time and the
    /// process CPU per answer, after the scorecards have run once.
    func answerLatencies(database: BacklineDatabase, samples: Int = 300) async throws -> [(String, String)] {
        let paths = BacklinePaths.discover()
        let settings = HealthSettings(paths: paths)
        let context = try HealthContext.load(
            store: database.health, releases: settings.releases, eol: settings.eol, policy: settings.policy,
            scorecards: settings.scorecards, docsPolicy: settings.docsPolicy)
        let scoring = ContinuousClock.now
        try await context.score(catalog: database.catalog, now: Date())
        var results = [("Scorecards over every component", (ContinuousClock.now - scoring).formatted)]
        let router = try CommandSet.router(commandsDirectory: paths.commands, health: (context.store, context.measurer))
        let commandContext = CommandContext(catalog: database.catalog, logger: Logger(label: "bench"))
        let lines = [
            ("/health heatmap react", "goal p99 ≤ 50 ms"), ("/health heatmap react --by service", "goal p99 ≤ 50 ms"),
            ("/health heatmap nodejs", "goal p99 ≤ 50 ms"), ("/health \(SyntheticRepositories.name(7))", "goal p99 ≤ 10 ms"),
        ]
        for (line, goal) in lines {
            let warm = await router.handle(Invocation(commandLine: line), context: commandContext)
            precondition(warm.outcome == .ok, "\(line) must answer: \(warm.summary)")
            var latencies = Samples()
            let cpuBefore = processCPUTime()
            for _ in 0..<samples {
                _ = await latencies.measure { await router.handle(Invocation(commandLine: line), context: commandContext) }
            }
            let cpu = (processCPUTime() - cpuBefore) / samples
            results.append((
                "`\(line)` p50 / p99 (\(goal)), CPU per answer",
                "\(latencies.percentile(0.5).formatted) / \(latencies.percentile(0.99).formatted), \(cpu.formatted)"))
        }
        return results
    }
}

/// Repositories with a `catalog-info.yaml` and six manifests each, in four ecosystem mixes.
struct SyntheticRepositories {
    let count: Int
    let directory: URL

    static func name(_ index: Int) -> String { String(format: "service-%05d", index) }

    /// Writes them; returns how many manifest files were written.
    func write() throws -> Int {
        var written = 0
        for index in 0..<count {
            let folder = directory.appendingPathComponent(Self.name(index))
            var files: [String: String] = ["catalog-info.yaml": """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: \(Self.name(index))
                spec:
                  type: service
                  lifecycle: production
                  owner: team-\(index % 50)

                """]
            switch index % 4 {
            case 0:
                files["package.json"] = packageJSON(index)
                files["package-lock.json"] = packageLock(index)
                files[".nvmrc"] = "\(18 + (index % 3) * 2).\(index % 10).0\n"
                files["Dockerfile"] = "ARG NODE=\(18 + (index % 3) * 2)\nFROM node:${NODE}-alpine AS build\nRUN npm ci\nFROM node:${NODE}-alpine\nCMD [\"node\", \"index.js\"]\n"
                files[".tool-versions"] = "nodejs 20.\(index % 10).0\n"
                files["tools/requirements.txt"] = "pyyaml==6.0.\(index % 2)\nrequests==2.31.0\n"
            case 1:
                files["go.mod"] = goMod(index)
                files["Dockerfile"] = "FROM golang:1.2\(index % 3) AS build\nFROM gcr.io/distroless/static-debian12\n"
                files[".tool-versions"] = "golang 1.2\(index % 3).\(index % 5)\n"
                files["web/package.json"] = packageJSON(index)
                files["web/package-lock.json"] = packageLock(index)
                files["scripts/requirements.txt"] = "click==8.1.\(index % 8)\n"
            case 2:
                files["pom.xml"] = pom(index)
                files["Dockerfile"] = "FROM eclipse-temurin:\([11, 17, 21][index % 3])-jre\n"
                files[".java-version"] = "\([11, 17, 21][index % 3])\n"
                files[".tool-versions"] = "java temurin-\([11, 17, 21][index % 3]).0.2\n"
                files["ui/package.json"] = packageJSON(index)
                files["ui/package-lock.json"] = packageLock(index)
            default:
                files["requirements.txt"] = (0..<15).map { "package\($0)==1.\(($0 + index) % 9).\(index % 4)" }.joined(separator: "\n") + "\n"
                files["requirements-dev.txt"] = "-r requirements.txt\npytest==7.\(index % 5).0\nmypy==1.\(index % 9).0\n"
                files["pyproject.toml"] = "[project]\nname = \"svc\(index)\"\nrequires-python = \">=3.\(9 + index % 4)\"\ndependencies = [\"django>=4.\(index % 3)\", \"celery==5.3.\(index % 6)\"]\n"
                files[".python-version"] = "3.\(9 + index % 4).\(index % 12)\n"
                files["Dockerfile"] = "FROM python:3.\(9 + index % 4)-slim\n"
                files[".tool-versions"] = "python 3.\(9 + index % 4).1\n"
            }
            for (path, text) in files {
                let file = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
                if path != "catalog-info.yaml" { written += 1 }
            }
        }
        return written
    }

    private static let npmPackages = [
        "react", "react-dom", "lodash", "express", "axios", "typescript", "webpack", "jest", "eslint", "prettier",
        "moment", "uuid", "chalk", "commander", "debug", "dotenv", "cors", "body-parser", "rxjs", "zod",
    ]

    private func packageJSON(_ index: Int) -> String {
        let dependencies = Self.npmPackages.prefix(12).enumerated().map { offset, name in
            "    \"\(name)\": \"^\(1 + (offset + index) % 18).\(index % 7).0\""
        }.joined(separator: ",\n")
        return "{\n  \"name\": \"svc-\(index)\",\n  \"engines\": {\"node\": \">=18\"},\n  \"dependencies\": {\n\(dependencies)\n  }\n}\n"
    }

    private func packageLock(_ index: Int) -> String {
        var packages = ["    \"\": {\"name\": \"svc-\(index)\", \"version\": \"1.0.0\"}"]
        for (offset, name) in Self.npmPackages.enumerated() {
            packages.append("    \"node_modules/\(name)\": {\"version\": \"\(1 + (offset + index) % 18).\(index % 7).\(offset % 5)\", \"resolved\": \"https://registry.npmjs.org/\(name)/-/\(name).tgz\"}")
        }
        return "{\n  \"name\": \"svc-\(index)\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n\(packages.joined(separator: ",\n"))\n  }\n}\n"
    }

    private func goMod(_ index: Int) -> String {
        let modules = ["github.com/google/uuid", "github.com/gin-gonic/gin", "go.uber.org/zap", "golang.org/x/sync", "github.com/stretchr/testify",
                       "google.golang.org/grpc", "github.com/spf13/cobra", "github.com/prometheus/client_golang"]
        let requires = modules.enumerated().map { offset, module in "\t\(module) v1.\((offset + index) % 12).\(index % 5)" }.joined(separator: "\n")
        return "module example.com/svc\(index)\n\ngo 1.2\(index % 3)\n\nrequire (\n\(requires)\n)\n"
    }

    private func pom(_ index: Int) -> String {
        let artifacts = [("org.springframework.boot", "spring-boot-starter-web"), ("com.fasterxml.jackson.core", "jackson-databind"),
                         ("org.slf4j", "slf4j-api"), ("com.google.guava", "guava"), ("org.junit.jupiter", "junit-jupiter")]
        let dependencies = artifacts.enumerated().map { offset, artifact in
            "    <dependency><groupId>\(artifact.0)</groupId><artifactId>\(artifact.1)</artifactId><version>${v\(offset)}</version></dependency>"
        }.joined(separator: "\n")
        let properties = artifacts.indices.map { "    <v\($0)>\(2 + $0).\(index % 10).\(index % 3)</v\($0)>" }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>svc\(index)</artifactId>
              <version>1.0.0</version>
              <properties>
                <java.version>\([11, 17, 21][index % 3])</java.version>
            \(properties)
              </properties>
              <dependencies>
            \(dependencies)
              </dependencies>
            </project>

            """
    }
}
