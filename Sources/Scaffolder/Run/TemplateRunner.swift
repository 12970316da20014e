import Catalog
import Foundation

/// Runs templates: refuses one naming an action Backline lacks or a group the user is not in,
/// prepares and validates the form's values, then runs the steps in order in a workspace, and
/// keeps the run (when a store is given).
public struct TemplateRunner: Sendable {
    /// The actions steps may name.
    public var actions: ActionRegistry
    /// Backline's services for the actions.
    public var services: ScaffolderServices
    /// What a workspace may hold.
    public var limits: WorkspaceLimits
    /// What pickers choose from; values are taken as written when nil.
    public var catalog: PickerCatalog?
    /// Where runs are kept; not kept when nil.
    public var store: ScaffolderStore?

    /// Creates a runner.
    public init(
        actions: ActionRegistry = .builtIn, services: ScaffolderServices = ScaffolderServices(), limits: WorkspaceLimits = WorkspaceLimits(),
        catalog: PickerCatalog? = nil, store: ScaffolderStore? = nil
    ) {
        self.actions = actions
        self.services = services
        self.limits = limits
        self.catalog = catalog
        self.store = store
    }

    /// The actions `template` names that Backline lacks.
    public func missingActions(_ template: Template) -> [String] {
        template.actionIDs.filter { actions[$0] == nil }
    }

    /// The first step whose action cannot run with these services, and why (checked before a run
    /// starts, so a missing token never leaves a repository half made).
    public func unavailable(_ template: Template) -> (step: TemplateStep, reason: String)? {
        for step in template.steps {
            if let reason = actions[step.action]?.unavailableReason(services, input: step.input) { return (step, reason) }
        }
        return nil
    }

    /// Whether `user` may run `template`: everyone, unless it lists `allowed` groups.
    public static func isAllowed(_ template: Template, user: RunUser) -> Bool {
        guard !template.allowedGroups.isEmpty else { return true }
        func name(_ text: String) -> String { String(text.lowercased().split(separator: "/").last ?? Substring(text.lowercased())).replacingOccurrences(of: "group:", with: "") }
        let groups = Set(user.groups.map(name))
        return template.allowedGroups.contains { groups.contains(name($0)) }
    }

    /// Runs `template` as `request` asks.
    public func run(_ template: Template, _ request: RunRequest) async -> RunResult {
        let started = Date()
        var result = RunResult(
            id: UUID().uuidString.lowercased(), template: template.name, status: .ok, errors: [], message: nil, parameters: .object([:]), steps: [],
            output: .object([:]), log: [], files: [], workspace: nil, isDryRun: request.isDryRun, user: request.user.ref, startedAt: started,
            finishedAt: started)
        result.steps = template.steps.map {
            StepResult(id: $0.id, name: $0.name, action: $0.action, input: nil, status: .notRun, log: [], output: .object([:]), error: nil)
        }
        await execute(template, request, into: &result)
        result.finishedAt = Date()
        if let store, !request.isDryRun {
            do {
                try await store.record(result)
            } catch {
                result.log.append("warning: the run could not be recorded: \(error)")
            }
        }
        return result
    }

    private func execute(_ template: Template, _ request: RunRequest, into result: inout RunResult) async {
        let missing = missingActions(template)
        guard missing.isEmpty else {
            result.status = .failed
            result.message = "\(template.name) uses action\(missing.count == 1 ? "" : "s") Backline does not have: \(missing.joined(separator: ", ")); nothing was run"
            return
        }
        if !request.isDryRun, let (step, reason) = unavailable(template) {
            result.status = .failed
            result.message = "\(template.name) cannot run here: step \(step.id) (\(step.action)): \(reason); nothing was run"
            return
        }
        guard Self.isAllowed(template, user: request.user) else {
            result.status = .failed
            result.message = "\(template.name) may be run only by members of \(template.allowedGroups.joined(separator: ", "))"
            return
        }
        let form = ParameterForm(template: template)
        let (parameters, errors) = await form.prepare(request.values, catalog: catalog)
        let secretValues = form.secretFields.compactMap { parameters[$0].map(TemplateValues.text) } + Array(request.secrets.values)
        let mask = SecretMask(secretValues)
        var shown = parameters.mapValues(mask.value)
        for name in form.secretFields where shown[name] != nil { shown[name] = .string("***") }
        result.parameters = .object(shown)
        guard errors.isEmpty else {
            result.status = .invalid
            result.errors = errors
            result.message = "\(errors.count) value\(errors.count == 1 ? " is" : "s are") not valid"
            return
        }

        let temporary = request.outputDirectory == nil
        let root = request.outputDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("backline-scaffolder-\(result.id)")
        let workspace: Workspace
        do {
            workspace = try Workspace(root: root, limits: limits)
        } catch {
            result.status = .failed
            result.message = "the workspace \(root.path) cannot be created"
            return
        }
        defer { if temporary { try? FileManager.default.removeItem(at: root) } }
        if !temporary { result.workspace = workspace.root }

        var context: [String: JSONValue] = [
            "parameters": .object(parameters), "secrets": .object(request.secrets.mapValues(JSONValue.string)), "steps": .object([:]),
            "user": .object(["ref": request.user.ref.map(JSONValue.string) ?? .string(""), "entity": request.user.entity?.document ?? .object([:])]),
        ]
        await request.started?()
        let renderer = ValueRenderer(template: template)
        var stepOutputs: [String: JSONValue] = [:]
        var done: [String] = []
        for (index, step) in template.steps.enumerated() {
            let log = StepLog(secrets: secretValues)
            do {
                if let condition = step.condition {
                    let value = try renderer.render(condition, context)
                    if !Self.stepConditionHolds(value) {
                        result.steps[index].status = .skipped
                        result.steps[index].log = ["skipped: if: was false"]
                        await request.stepFinished?(result.steps[index])
                        continue
                    }
                }
                var iterations: [[String: JSONValue]] = [[:]]
                if let each = step.each {
                    switch try renderer.render(each, context) {
                    case .array(let items)?: iterations = items.enumerated().map { ["each": .object(["value": $0.element, "key": .number(Double($0.offset))])] }
                    case .object(let members)?: iterations = members.keys.sorted().map { ["each": .object(["value": members[$0]!, "key": .string($0)])] }
                    default: iterations = []
                    }
                }
                var inputs: [JSONValue] = []
                var outputs: [[String: JSONValue]] = []
                for extra in iterations {
                    let rendered = try renderer.render(step.input, context.merging(extra) { _, new in new }) ?? .object([:])
                    guard let input = rendered.objectValue else { throw ScaffolderError("input must be an object") }
                    inputs.append(mask.value(rendered))
                    guard let action = actions[step.action] else { throw ScaffolderError("unknown action \(step.action)") }
                    if request.isDryRun && !action.runsInDryRun {
                        log.info("dry run: \(step.action) reaches outside the workspace and was not run")
                        continue
                    }
                    let actionContext = ActionContext(
                        template: template, workspace: workspace, input: input, isDryRun: request.isDryRun, services: services, log: log)
                    outputs.append(try await action.run(actionContext))
                    _ = try workspace.files(readingContents: false)  // limits and links, after every step
                }
                result.steps[index].input = step.each == nil ? inputs.first : .array(inputs)
                let output: [String: JSONValue]
                if step.each == nil {
                    output = outputs.first ?? [:]
                } else {
                    // With each:, every output key holds the list of the iterations' values.
                    var merged: [String: [JSONValue]] = [:]
                    for iteration in outputs { for (key, value) in iteration { merged[key, default: []].append(value) } }
                    output = merged.mapValues(JSONValue.array)
                }
                stepOutputs[step.id] = .object(["output": .object(output)])
                context["steps"] = .object(stepOutputs)
                result.steps[index].status = request.isDryRun && !(actions[step.action]?.runsInDryRun ?? true) ? .skipped : .completed
                result.steps[index].output = mask.value(.object(output))
                result.steps[index].log = log.entries
                done.append("\(step.id) (\(step.action))")
                await request.stepFinished?(result.steps[index])
            } catch {
                let message = mask.text("\(error)")
                result.steps[index].status = .failed
                result.steps[index].error = message
                result.steps[index].log = log.entries + ["error: \(message)"]
                result.status = .failed
                let before = done.isEmpty ? "nothing had been done before it" : "done before it: \(done.joined(separator: ", "))"
                result.message = "step \(step.id) (\(step.action)) failed: \(message); \(before)"
                await request.stepFinished?(result.steps[index])
                break
            }
        }
        if result.status == .ok {
            do {
                result.output = mask.value(try renderer.render(template.output, context) ?? .object([:]))
            } catch {
                result.log.append("output: \(mask.text("\(error)"))")
            }
        }
        result.log += result.steps.flatMap { step in step.log.map { "\(step.id): \($0)" } }
        if request.isDryRun {
            result.files = (try? workspace.files(readingContents: true)) ?? []
        }
    }

    /// Backstage's rule for `if:`: false, undefined, null, "", 0 and [] skip the step.
    static func stepConditionHolds(_ value: JSONValue?) -> Bool {
        if case .array(let items)? = value { return !items.isEmpty }
        return TemplateValues.isTruthy(value)
    }
}
