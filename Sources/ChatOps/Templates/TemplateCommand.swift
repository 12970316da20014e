import Catalog
import Foundation
import Scaffolder

/// What `/template` needs: the configured templates and a runner bound to the deployment's
/// catalog and run store. Chat runs only these templates, never a path.
public struct TemplateDesk: Sendable {
    /// The templates from configured sources, loaded when asked (files may change).
    public var library: @Sendable () async -> TemplateLibrary
    /// The runner (catalog services, pickers, run store).
    public var runner: TemplateRunner
    /// Follows a real run where the transport can show progress as it happens (a Slack thread);
    /// nil where it cannot (the terminal, Mattermost's single answer).
    public var watch: @Sendable (Invocation, Template) async -> TemplateRunWatch?

    /// Creates a desk.
    public init(
        library: @escaping @Sendable () async -> TemplateLibrary, runner: TemplateRunner,
        watch: @escaping @Sendable (Invocation, Template) async -> TemplateRunWatch? = { _, _ in nil }
    ) {
        self.library = library
        self.runner = runner
        self.watch = watch
    }
}

/// Someone following a run: told when it starts (values valid), as each step ends, and at the end.
public struct TemplateRunWatch: Sendable {
    /// The run starts: its values were valid.
    public var started: @Sendable () async -> Void
    /// A step ended (completed, skipped or failed).
    public var stepFinished: @Sendable (StepResult) async -> Void
    /// The run ended, however it ended.
    public var finished: @Sendable (RunResult) async -> Void

    /// Creates a watch.
    public init(
        started: @escaping @Sendable () async -> Void, stepFinished: @escaping @Sendable (StepResult) async -> Void,
        finished: @escaping @Sendable (RunResult) async -> Void
    ) {
        self.started = started
        self.stepFinished = stepFinished
        self.finished = finished
    }
}

/// `/template list|show NAME|run NAME key=value ... [--dry-run]|runs [NAME]`.
public struct TemplateCommand: CommandHandler {
    let desk: TemplateDesk?

    /// Creates the handler; without a desk it explains that templates are not set up.
    public init(desk: TemplateDesk?) { self.desk = desk }

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        guard let desk else { throw TemplatesUnavailable() }
        let words = (arguments.text("what") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first?.lowercased() else { throw UsageError("What should I do with templates?", usage: spec.usage) }
        let rest = Array(words.dropFirst())
        switch first {
        case "list":
            let library = await desk.library()
            let items: [RichText] = library.templates.sorted { $0.name < $1.name }.map { template in
                var line: RichText = "\(code: template.name) \(bold: template.displayName)"
                line = line + .text(" — owner \(template.owner ?? "?")")
                if !template.tags.isEmpty { line = line + .text(" [\(template.tags.joined(separator: ", "))]") }
                if let description = template.description { line = line + .text(": \(description.trimmingCharacters(in: .whitespacesAndNewlines))") }
                return line
            }
            return Reply(
                summary: "\(items.count) template(s)",
                blocks: [.header("Templates"), .list(title: nil, items: items, more: 0), .context("Run one with /template run NAME key=value …")],
                data: .object(["templates": .array(library.templates.map { .string($0.name) })]))
        case "show":
            guard rest.count == 1 else { throw UsageError("Which template? e.g. /template show swift-service", usage: spec.usage) }
            let template = try await find(rest[0], desk: desk)
            let text = TemplateDescription.text(template)
            return Reply(summary: template.displayName, blocks: [.header(template.displayName), .paragraph(.code(text))], data: .object(["template": .string(template.name)]))
        case "run":
            guard let name = rest.first else { throw UsageError("Which template? e.g. /template run swift-service name=queue-api", usage: spec.usage) }
            let template = try await find(name, desk: desk)
            let userName = invocation.caller.catalogUser?.description ?? invocation.caller.userID
            let user = await RunUser.resolve(userName, in: context.catalog)
            let isDryRun = arguments.flag("dry_run")
            // No values where a form can open: the form asks for them (someone the template does
            // not allow gets the refusal instead of a form they cannot use).
            if rest.count == 1, !isDryRun, invocation.source.opensForms, !template.pages.isEmpty, TemplateRunner.isAllowed(template, user: user) {
                return Self.formReply(template)
            }
            var values: [String: JSONValue] = [:]
            for pair in rest.dropFirst() {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw UsageError("Values are key=value; \(pair) is not.", usage: spec.usage)
                }
                ParameterForm.assign(String(pair[..<equals]), .string(String(pair[pair.index(after: equals)...])), into: &values)
            }
            let watch = isDryRun ? nil : await desk.watch(invocation, template)
            let request = RunRequest(
                values: values, user: user, isDryRun: isDryRun, source: "chat", stepFinished: watch?.stepFinished, started: watch?.started)
            let result = await desk.runner.run(template, request)
            await watch?.finished(result)
            return Self.reply(result)
        case "runs":
            guard let store = desk.runner.store else { throw TemplatesUnavailable() }
            let runs = try await store.runs(template: rest.first)
            let items = runs.map { RichText.text(RunReport.line($0)) }
            return Reply(
                summary: "\(runs.count) run(s)", blocks: runs.isEmpty ? [.paragraph("No runs yet.")] : [.list(title: "Latest runs", items: items, more: 0)],
                data: .object(["runs": .array(runs.map { .string($0.id) })]))
        default:
            throw UsageError("Unknown: \(first).", usage: spec.usage)
        }
    }

    private func find(_ name: String, desk: TemplateDesk) async throws -> Template {
        let library = await desk.library()
        guard let template = library.template(named: name) else {
            throw TemplateNotFound(name: name, known: library.templates.map(\.name).sorted())
        }
        return template
    }

    /// Asks the transport to open the template's form; where it cannot, says what to type.
    static func formReply(_ template: Template) -> Reply {
        let fields = ParameterForm(template: template).fields.map(\.name)
        var reply = Reply(
            summary: "Opening the form for \(template.displayName)…",
            blocks: [
                .paragraph("Give the values after the name: \(code: "/template run \(template.name) key=value …")"),
                .context("Fields: \(fields.joined(separator: ", ")). /template show \(template.name) explains them."),
            ],
            data: .object(["template": .string(template.name), "form": .bool(true)]))
        reply.form = .template(name: template.name)
        return reply
    }

    /// A run's reply: the outcome, its errors or failed step, the files of a dry run, and the links.
    static func reply(_ result: RunResult) -> Reply {
        var blocks: [ReplyBlock] = [.paragraph(.text(RunReport.text(result).split(separator: "\n").first.map(String.init) ?? ""))]
        if !result.errors.isEmpty {
            let items: [RichText] = result.errors.map { RichText.code($0.field) + RichText.text(" \($0.message)") }
            blocks.append(.list(title: "Fix these values", items: items, more: 0))
        }
        let steps = result.steps.filter { $0.status != .notRun || result.status == .failed && result.failedStep != nil }
        if result.status != .invalid, !steps.isEmpty, !(result.status == .failed && result.failedStep == nil) {
            let items: [RichText] = steps.map { step in
                var line = "\(step.id) (\(step.action)): \(step.status.rawValue)"
                if let error = step.error { line += " — \(error)" }
                return .text(line)
            }
            blocks.append(.list(title: "Steps", items: items, more: 0))
        }
        if !result.files.isEmpty {
            blocks.append(.list(title: "Files", items: result.files.prefix(30).map { .code($0.path) }, more: max(0, result.files.count - 30)))
        }
        let links: [RichText] = result.links.map { link in
            if link.target.contains("://") { return RichText.link(link.target, link.title) }
            return RichText.text("\(link.title): ") + RichText.code(link.target)
        }
        if !links.isEmpty { blocks.append(.list(title: nil, items: links, more: 0)) }
        var data = result.dryRunJSON
        if case .object(var members) = data {
            // Chat replies carry the outcome, not the files' bytes.
            members["directoryContents"] = .array(result.files.map { .string($0.path) })
            data = .object(members)
        }
        let summary = result.status == .ok ? "\(result.template): done" : "\(result.template): \(result.message ?? result.status.rawValue)"
        var reply = Reply(summary: summary, blocks: blocks, data: data)
        if result.status == .invalid {
            reply.data = .object((data.objectValue ?? [:]).merging(["error": .object(["kind": "user-error"])]) { $1 })
        }
        return reply
    }
}

extension Invocation.Source {
    /// Whether the transport can open a form for the person who asked (Slack, with the
    /// command's `trigger_id`).
    var opensForms: Bool { self == .slackHTTP || self == .slackSocketMode }
}

/// No templates here: the deployment did not set them up.
struct TemplatesUnavailable: UserFacingError {
    var userMessage: String { "Templates are not set up here (config/templates/)." }
}

/// A template name nobody configured.
struct TemplateNotFound: UserFacingError {
    let name: String
    let known: [String]
    var userMessage: String { "No template named \(name). Templates: \(known.joined(separator: ", "))." }
}
