import Catalog
import Foundation
import Synchronization

/// One action a step can name (`fetch:template`, `publish:git`, ...).
public protocol ScaffolderAction: Sendable {
    /// The id templates name it by.
    var id: String { get }
    /// Whether a dry run runs it: actions that only touch the workspace do; those that reach
    /// outside (publishing, registering) are skipped and reported with their rendered input.
    var runsInDryRun: Bool { get }
    /// Runs the action; returns its output (`steps.<id>.output`).
    func run(_ context: ActionContext) async throws -> [String: JSONValue]
    /// Why the action cannot run with `services` (GitHub not set up, no token), checked before a
    /// run starts so nothing is half done; nil when it can. `input` is the step's input as written.
    func unavailableReason(_ services: ScaffolderServices, input: JSONValue?) -> String?
}

extension ScaffolderAction {
    /// Most actions need nothing beyond the workspace.
    public func unavailableReason(_ services: ScaffolderServices, input: JSONValue?) -> String? { nil }
}

/// What an action sees: its rendered input, the workspace, the template, and Backline's services.
public struct ActionContext: Sendable {
    /// The template being run.
    public let template: Template
    /// The workspace.
    public let workspace: Workspace
    /// The step's input, rendered.
    public let input: [String: JSONValue]
    /// Whether this is a dry run.
    public let isDryRun: Bool
    /// Backline's services (catalog, git settings).
    public let services: ScaffolderServices
    /// The step's log.
    public let log: StepLog

    /// A string input, or nil.
    public func string(_ key: String) -> String? {
        switch input[key] {
        case .string(let text)?: text
        case .number(let number)?: TemplateValues.numberText(number)
        case .bool(let flag)?: flag ? "true" : "false"
        default: nil
        }
    }

    /// A required string input.
    public func requiredString(_ key: String) throws -> String {
        guard let value = string(key), !value.isEmpty else { throw ScaffolderError("input \(key) is required") }
        return value
    }

    /// A boolean input.
    public func bool(_ key: String) -> Bool? {
        switch input[key] {
        case .bool(let flag)?: flag
        case .string(let text)?: ["true", "yes", "1"].contains(text.lowercased())
        default: nil
        }
    }
}

/// A step's log lines, shared between the action writing them and the run recording them.
public final class StepLog: Sendable {
    private let lines = Mutex<[String]>([])
    private let secrets: [String]

    /// A log that masks every value in `secrets`.
    public init(secrets: [String] = []) { self.secrets = secrets.filter { $0.count >= 3 } }

    /// Appends a line, secrets masked.
    public func info(_ line: String) {
        var masked = line
        for secret in secrets { masked = masked.replacingOccurrences(of: secret, with: "***") }
        lines.withLock { $0.append(masked) }
    }

    /// The lines so far.
    public var entries: [String] { lines.withLock { $0 } }
}

/// Registers a catalog source into Backline's catalog and ingests it at once, returning the refs
/// of the entities it now defines.
public struct CatalogRegistrar: Sendable {
    /// The registration.
    public let register: @Sendable (CatalogSource) async throws -> [EntityRef]

    /// A registrar from a closure.
    public init(register: @escaping @Sendable (CatalogSource) async throws -> [EntityRef]) { self.register = register }

    /// Ingests into `store` through the catalog's own ingester, as a source of its own (other
    /// sources are left as they are).
    public static func ingesting(into store: CatalogStore, gitTimeout: Duration = .seconds(60)) -> CatalogRegistrar {
        CatalogRegistrar { source in
            let refresh = try await CatalogIngester(store: store, gitTimeout: gitTimeout).refresh(source, at: Date())
            if refresh.report.hasErrors {
                let first = refresh.report.problems.filter { $0.severity == .error }.prefix(3).map { "\($0)" }.joined(separator: "; ")
                throw ScaffolderError("the catalog refused \(source): \(first)")
            }
            return (refresh.report.added + refresh.report.updated).sorted()
        }
    }
}

/// What actions may use outside the workspace.
public struct ScaffolderServices: Sendable {
    /// Adds sources to the catalog (`catalog:register`); nil where there is no catalog to write.
    public var registrar: CatalogRegistrar?
    /// Reads an entity (`catalog:fetch`).
    public var lookup: (@Sendable (EntityRef) async throws -> Entity?)?
    /// How long one git command may take.
    public var gitTimeout: Duration
    /// The environment git runs with (credentials helpers, `HOME`); never shown to templates.
    public var environment: [String: String]
    /// GitHub's API and token (`publish:github`, `publish:github:pull-request`); nil where GitHub
    /// is not set up.
    public var github: GitHubConnection?

    /// Creates services.
    public init(
        registrar: CatalogRegistrar? = nil, lookup: (@Sendable (EntityRef) async throws -> Entity?)? = nil, gitTimeout: Duration = .seconds(60),
        environment: [String: String] = ProcessInfo.processInfo.environment, github: GitHubConnection? = nil
    ) {
        self.github = github
        self.registrar = registrar
        self.lookup = lookup
        self.gitTimeout = gitTimeout
        self.environment = environment
    }

    /// Services reading and writing `store`.
    public static func catalog(_ store: CatalogStore) -> ScaffolderServices {
        ScaffolderServices(registrar: .ingesting(into: store), lookup: { ref in try await store.entity(ref)?.entity })
    }
}

/// The actions Backline has, by id.
public struct ActionRegistry: Sendable {
    private var actions: [String: any ScaffolderAction]

    /// The built-in actions.
    public static var builtIn: ActionRegistry {
        ActionRegistry([
            FetchTemplateAction(), FetchPlainAction(), FetchPlainFileAction(), FsRenameAction(), FsDeleteAction(), DebugLogAction(),
            CatalogWriteAction(), CatalogRegisterAction(), CatalogFetchAction(), PublishGitAction(), PublishGitHubAction(),
            PublishGitHubPullRequestAction(),
        ])
    }

    /// A registry of `actions`.
    public init(_ actions: [any ScaffolderAction]) {
        self.actions = Dictionary(actions.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Adds or replaces an action.
    public mutating func add(_ action: any ScaffolderAction) { actions[action.id] = action }

    /// The action with `id`.
    public subscript(id: String) -> (any ScaffolderAction)? { actions[id] }

    /// Every id, sorted.
    public var ids: [String] { actions.keys.sorted() }
}
