import Catalog
import Foundation
import Logging

/// Collects handlers, then freezes them with the command specs into a ``CommandRouter``.
///
/// Built once at start-up (mutable), then run frozen: the router is an immutable `Sendable` value.
public struct CommandRouterBuilder: Sendable {
    private var handlers: [String: any CommandHandler] = [:]

    /// Creates a builder with no handlers.
    public init() {}

    /// Makes `handler` available to specs that name `id` as their handler.
    public mutating func register(_ id: String, _ handler: any CommandHandler) {
        handlers[id] = handler
    }

    /// Binds each spec to its handler. Fails on duplicate names or aliases, and on a handler that
    /// does not exist, naming the spec.
    public func build(specs: [CommandSpec]) throws -> CommandRouter {
        var routes: [String: CommandRouter.Route] = [:]
        for spec in specs {
            let handler: any CommandHandler
            if let query = spec.query {
                handler = try QueryCommand(query: query, specName: spec.name)
            } else if let id = spec.handler, let builtIn = handlers[id] {
                handler = builtIn
            } else {
                throw CommandSpecError(file: "\(spec.name).yaml", message: "field \"handler\": no built-in handler named \"\(spec.handler ?? "")\" (known: \(handlers.keys.sorted().joined(separator: ", ")))")
            }
            for name in [spec.name] + spec.aliases {
                if let existing = routes[name] {
                    throw CommandSpecError(file: "\(spec.name).yaml", message: "/\(name) is already defined by /\(existing.spec.name)")
                }
                routes[name] = CommandRouter.Route(spec: spec, handler: handler)
            }
        }
        return CommandRouter(routes: routes, specs: specs.sorted { $0.name < $1.name })
    }
}

/// Routes an ``Invocation`` to its handler and turns every failure into a reply.
///
/// Errors written for users (``UserFacingError``) are shown as they are; anything else becomes a
/// short apology with a correlation id, and the full error is logged once, here.
public struct CommandRouter: Sendable {
    struct Route: Sendable {
        let spec: CommandSpec
        let handler: any CommandHandler
    }

    private let routes: [String: Route]
    /// Every command, sorted by name.
    public let specs: [CommandSpec]

    init(routes: [String: Route], specs: [CommandSpec]) {
        self.routes = routes
        self.specs = specs
    }

    /// The spec a name or alias refers to.
    public func spec(named name: String) -> CommandSpec? {
        routes[name.lowercased()]?.spec
    }

    /// Answers an invocation. Never throws: failures become replies.
    public func handle(_ invocation: Invocation, context: CommandContext) async -> Reply {
        let invocation = routes[invocation.command] == nil ? invocation.resolvingUmbrella() : invocation
        guard let route = routes[invocation.command] else {
            let known = specs.map { "/\($0.name)" }.joined(separator: ", ")
            return .problem("Unknown command /\(invocation.command). Commands: \(known). Try /help.", kind: "unknown-command")
        }
        var context = context
        context.logger[metadataKey: "command"] = "\(route.spec.name)"
        context.logger[metadataKey: "transport"] = "\(invocation.source.rawValue)"
        do {
            guard try await route.spec.allowed.permits(invocation.caller, catalog: context.catalog) else {
                throw NotAllowedError(command: route.spec.name, groups: route.spec.allowed.groups)
            }
            var reply = try await route.handler.run(invocation, spec: route.spec, context: context)
            // A spec may put its answers in the channel; handlers answer ephemerally by default.
            if route.spec.visibility == .inChannel { reply.visibility = .inChannel }
            return reply
        } catch let error as any UserFacingError {
            return .problem(error.userMessage, kind: error is UsageError ? "usage" : "user-error")
        } catch {
            let correlationID = String(UUID().uuidString.prefix(8)).lowercased()
            context.logger.error("command failed", metadata: ["error": "\(error)", "correlation_id": "\(correlationID)"])
            return .problem("Something went wrong answering /\(route.spec.name). The operators can look it up with id \(correlationID).", kind: "internal-error")
        }
    }
}

extension Reply {
    /// An ephemeral reply telling the caller what went wrong.
    public static func problem(_ message: String, kind: String) -> Reply {
        Reply(
            visibility: .ephemeral, summary: message, blocks: [.paragraph(.text(message))],
            data: .object(["status": .string("error"), "error": .object(["kind": .string(kind), "message": .string(message)])]))
    }
}
