import Catalog
import Foundation

/// Who runs a template, as templates see them (`user.ref`, `user.entity`) and as `allowed` checks.
public struct RunUser: Sendable {
    /// `user:default/alice`, when known.
    public var ref: String?
    /// The user's catalog entity, when known.
    public var entity: Entity?
    /// The groups the user belongs to (names or refs), for a template's `allowed`.
    public var groups: [String]

    /// Creates a user.
    public init(ref: String? = nil, entity: Entity? = nil, groups: [String] = []) {
        self.ref = ref
        self.entity = entity
        self.groups = groups
    }
}

/// What a run is asked to do.
public struct RunRequest: Sendable {
    /// The form's values as given (text from `--set` and chat is read as each field's type).
    public var values: [String: JSONValue]
    /// Who runs it.
    public var user: RunUser
    /// `secrets.*`: never shown, logged or kept.
    public var secrets: [String: String]
    /// Render and run the workspace steps only; nothing outside the workspace is touched.
    public var isDryRun: Bool
    /// Where the workspace is built; a temporary folder (removed afterwards) when nil.
    public var outputDirectory: URL?
    /// Whether the template came from a source the operator configured (chat runs only those).
    public var source: String
    /// Told about each step as it ends (completed, skipped or failed), with its result as kept
    /// (secrets masked), so a chat can show progress while the run goes on.
    public var stepFinished: (@Sendable (StepResult) async -> Void)?
    /// Told once the values are valid and the workspace is ready, just before the first step.
    public var started: (@Sendable () async -> Void)?

    /// Creates a request.
    public init(
        values: [String: JSONValue] = [:], user: RunUser = RunUser(), secrets: [String: String] = [:], isDryRun: Bool = false,
        outputDirectory: URL? = nil, source: String = "cli", stepFinished: (@Sendable (StepResult) async -> Void)? = nil,
        started: (@Sendable () async -> Void)? = nil
    ) {
        self.values = values
        self.user = user
        self.secrets = secrets
        self.isDryRun = isDryRun
        self.outputDirectory = outputDirectory
        self.source = source
        self.stepFinished = stepFinished
        self.started = started
    }
}

/// How a step ended.
public enum StepStatus: String, Sendable, Codable {
    /// It ran and succeeded.
    case completed
    /// Its `if:` was false, or it reaches outside the workspace in a dry run.
    case skipped
    /// It failed; the run stopped there.
    case failed
    /// An earlier step failed first.
    case notRun = "not-run"
}

/// One step of a run.
public struct StepResult: Sendable {
    /// The template's id for the step.
    public var id: String
    /// Its name.
    public var name: String?
    /// The action.
    public var action: String
    /// The rendered input (secrets masked); nil when never rendered.
    public var input: JSONValue?
    /// How it ended.
    public var status: StepStatus
    /// What it logged.
    public var log: [String]
    /// Its output.
    public var output: JSONValue
    /// Why it failed.
    public var error: String?
}

/// How a run ended.
public enum RunStatus: String, Sendable, Codable {
    /// Every step completed or was skipped.
    case ok
    /// The values were not valid; nothing ran.
    case invalid
    /// The template was refused (an unknown action, a group not allowed) or a step failed.
    case failed
}

/// A run's outcome: what a dry run shows and what is kept.
public struct RunResult: Sendable {
    /// The run's id.
    public var id: String
    /// The template's name.
    public var template: String
    /// How it ended.
    public var status: RunStatus
    /// The form's errors, when invalid.
    public var errors: [FieldError]
    /// Why it failed, for people: the refusal, or the failed step and what was done before it.
    public var message: String?
    /// The parameters as prepared, secrets masked.
    public var parameters: JSONValue
    /// Every step.
    public var steps: [StepResult]
    /// The template's `output`, rendered (`links`, `text`, ...).
    public var output: JSONValue
    /// The run's log, each line prefixed by its step.
    public var log: [String]
    /// The workspace's files (dry runs).
    public var files: [WorkspaceFile]
    /// The workspace, when kept (`--output DIR`).
    public var workspace: URL?
    /// Whether it was a dry run.
    public var isDryRun: Bool
    /// Who ran it.
    public var user: String?
    /// When it started and ended.
    public var startedAt: Date
    /// When it ended.
    public var finishedAt: Date

    /// The step that failed.
    public var failedStep: StepResult? { steps.first { $0.status == .failed } }

    /// `output.links` as (title, url or entityRef) pairs.
    public var links: [(title: String, target: String)] {
        (output["links"]?.arrayValue ?? []).compactMap { link in
            guard let target = link["url"]?.stringValue ?? link["entityRef"]?.stringValue, !target.isEmpty else { return nil }
            return (link["title"]?.stringValue ?? target, target)
        }
    }
}

/// Replaces secret values with `***` wherever they would be shown or kept.
struct SecretMask: Sendable {
    let secrets: [String]

    init(_ secrets: [String]) { self.secrets = secrets.filter { $0.count >= 3 }.sorted { $0.count > $1.count } }

    func text(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    func value(_ value: JSONValue) -> JSONValue {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let string): return .string(text(string))
        case .array(let items): return .array(items.map(self.value))
        case .object(let members): return .object(members.mapValues(self.value))
        default: return value
        }
    }
}
