import ArgumentParser
import BacklineServer
import Catalog
import Foundation
import Logging
import Scaffolder

/// `backline template list|show|run|runs`: golden-path templates from the terminal.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "List, show, dry-run and run Backstage v1beta3 software templates.",
        subcommands: [List.self, Show.self, Run.self, Runs.self])
}

/// Options every template subcommand shares: where templates and the catalog come from.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("YAML configuration file, as for serve.", valueName: "file"))
    var config: String?

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: ArgumentHelp("A folder of templates (repeatable); default: config/templates.", valueName: "dir"))
    var templates: [String] = []

    /// The parts (database, catalog) as `ask` builds them: without --db and --catalog, the demo catalog.
    func parts() async throws -> BacklineParts {
        bootstrapStandardErrorLogging(level: .warning)
        return try await BacklineParts(configuration: try configuration(), logger: Logger(label: "backline.template"))
    }

    /// The configuration, with `--templates` over its template folders.
    func configuration() throws -> BacklineConfiguration {
        var configuration = try catalogOptions.configuration(file: config)
        if !templates.isEmpty { configuration.templateDirectories = templates.map { URL(fileURLWithPath: $0) } }
        return configuration
    }

    /// The configured templates plus the catalog's Template entities.
    func library(parts: BacklineParts) async -> TemplateLibrary {
        let folders = (try? configuration().templateDirectories) ?? [BacklinePaths.discover().templates]
        var library = TemplateLibrary.load(folders: folders)
        await library.addCatalogTemplates(from: parts.database.catalog, roots: parts.catalogSources.map { URL(fileURLWithPath: $0) })
        for problem in library.problems { FileHandle.standardError.write(Data("warning: \(problem)\n".utf8)) }
        return library
    }
}

extension TemplateCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the templates: name, title, owner, tags.")
        @OptionGroup var options: TemplateOptions

        func run() async throws {
            let parts = try await options.parts()
            let library = await options.library(parts: parts)
            for template in library.templates.sorted(by: { $0.name < $1.name }) {
                let tags = template.tags.isEmpty ? "" : "  [\(template.tags.joined(separator: ", "))]"
                print("\(template.name) — \(template.displayName)  (owner: \(template.owner ?? "?"))\(tags)")
                if let description = template.description { print("    \(description.trimmingCharacters(in: .whitespacesAndNewlines))") }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a template's form: fields, types, defaults, descriptions.")
        @OptionGroup var options: TemplateOptions
        @Argument(help: "The template's name or the path of a template.yaml.") var name: String

        func run() async throws {
            let parts = try await options.parts()
            let template = try await TemplateCommand.find(name, options: options, parts: parts)
            print(TemplateDescription.text(template))
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a template (or dry-run it) with values from --set and --values.",
            discussion: """
                Examples:
                  backline template run swift-service --set name=queue-api --set owner=team-a --dry-run
                  backline template run ./my-template/template.yaml --values values.yaml --output /tmp/out
                Exit status: 0 when the run succeeded, 2 when values were invalid, 1 when it failed.
                """)
        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @OptionGroup var options: TemplateOptions
        @Argument(help: "The template's name or the path of a template.yaml.") var name: String
        @Option(name: .customLong("set"), help: ArgumentHelp("A value: key=value, dotted keys for objects (repo.owner=acme). Repeatable.", valueName: "key=value"))
        var assignments: [String] = []
        @Option(name: .long, help: ArgumentHelp("A YAML or JSON file of values.", valueName: "file")) var values: String?
        @Flag(name: .long, help: "Render and show the files and step inputs; publish nothing, register nothing.") var dryRun = false
        @Option(name: .long, help: ArgumentHelp("Build the workspace here (kept) instead of a temporary folder.", valueName: "dir")) var output: String?
        @Option(name: .long, help: "text for people, json for Backstage's dry-run shape.") var format: Format = .text
        @Option(name: .long, help: ArgumentHelp("Who runs it (a catalog user name).", valueName: "user")) var `as`: String?

        func run() async throws {
            var given: [String: JSONValue] = [:]
            if let values {
                do {
                    given = try ValuesFile.parse(try String(contentsOfFile: values, encoding: .utf8))
                } catch {
                    throw ValidationError("--values \(values): \(error)")
                }
            }
            for pair in assignments {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { throw ValidationError("--set \(pair): expected key=value") }
                ParameterForm.assign(String(pair[..<equals]), .string(String(pair[pair.index(after: equals)...])), into: &given)
            }
            let parts = try await options.parts()
            let template = try await TemplateCommand.find(name, options: options, parts: parts)
            let store = parts.database.catalog
            let runner = TemplateRunner(
                services: .backline(catalog: store, configuration: try options.configuration()), catalog: PickerCatalog(store: store), store: parts.database.scaffolder)
            let user = await RunUser.resolve(`as`, in: store)
            let result = await runner.run(
                template,
                RunRequest(
                    values: given, user: user, secrets: Self.secrets(), isDryRun: dryRun, outputDirectory: output.map { URL(fileURLWithPath: $0) }))
            switch format {
            case .json: print(result.dryRunJSONText)
            case .text: print(RunReport.text(result), terminator: "")
            }
            switch result.status {
            case .ok: return
            case .invalid: throw ExitCode(2)
            case .failed: throw ExitCode(1)
            }
        }

        /// `secrets.*` from the environment: `BACKLINE_SECRET_<NAME>` becomes `secrets.<NAME>`.
        static func secrets() -> [String: String] {
            var secrets: [String: String] = [:]
            for (key, value) in ProcessInfo.processInfo.environment where key.hasPrefix("BACKLINE_SECRET_") {
                secrets[String(key.dropFirst("BACKLINE_SECRET_".count))] = value
            }
            return secrets
        }
    }

    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest runs, of one template or all (needs --db to see earlier ones).")
        @OptionGroup var options: TemplateOptions
        @Argument(help: "A template's name.") var name: String?

        func run() async throws {
            let parts = try await options.parts()
            let runs = try await parts.database.scaffolder.runs(template: name)
            if runs.isEmpty { print("No runs yet.") }
            for run in runs { print(RunReport.line(run)) }
        }
    }

    /// A template by name (configured folders, then the catalog) or by path.
    static func find(_ name: String, options: TemplateOptions, parts: BacklineParts) async throws -> Template {
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            do {
                return try TemplateLibrary.load(file: URL(fileURLWithPath: name))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let library = await options.library(parts: parts)
        guard let template = library.template(named: name) else {
            throw ValidationError("no template named \(name); templates: \(library.templates.map(\.name).sorted().joined(separator: ", "))")
        }
        return template
    }
}
