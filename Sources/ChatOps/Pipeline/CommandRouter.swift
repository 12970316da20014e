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

/// Routes an ``Invocation`` to its handler through the middleware chain.
///
/// The chain is, outermost first: whatever the service adds (logging, metrics, tracing, see
/// ``wrapped(in:)``), then ``ErrorReplyMiddleware`` (every failure becomes a reply), then
/// ``AccessCheckMiddleware`` (a spec's `allowed`), then the handler.
public struct CommandRouter: Sendable {
    struct Route: Sendable {
        let spec: CommandSpec
        let handler: any CommandHandler
    }

    /// The middleware every router runs, innermost last.
    static let standardMiddleware: [any CommandMiddleware] = [ErrorReplyMiddleware(), AccessCheckMiddleware()]

    private let routes: [String: Route]
    /// Every command, sorted by name.
    public let specs: [CommandSpec]
    private let outerMiddleware: [any CommandMiddleware]
    private let pipeline: CommandNext

    init(routes: [String: Route], specs: [CommandSpec], outerMiddleware: [any CommandMiddleware] = []) {
        self.routes = routes
        self.specs = specs
        self.outerMiddleware = outerMiddleware
        let known = specs.map { "/\($0.name)" }.joined(separator: ", ")
        pipeline = (outerMiddleware + Self.standardMiddleware).chained { command, context in
            guard let spec = command.spec, let route = routes[spec.name] else {
                throw UnknownCommandError(command: command.invocation.command, known: known)
            }
            var reply = try await route.handler.run(command.invocation, spec: spec, context: context)
            // A spec may put its answers in the channel; handlers answer ephemerally by default.
            if spec.visibility == .inChannel { reply.visibility = .inChannel }
            return reply
        }
    }

    /// This router with `middleware` wrapped around its pipeline (outermost first), outside the
    /// error mapping, so it sees every reply, failures included.
    public func wrapped(in middleware: [any CommandMiddleware]) -> CommandRouter {
        CommandRouter(routes: routes, specs: specs, outerMiddleware: middleware + outerMiddleware)
    }

    /// The spec a name or alias refers to.
    public func spec(named name: String) -> CommandSpec? {
        routes[name.lowercased()]?.spec
    }

    /// Answers an invocation. Never throws: failures become replies.
    public func handle(_ invocation: Invocation, context: CommandContext) async -> Reply {
        let invocation = routes[invocation.command] == nil ? invocation.resolvingUmbrella() : invocation
        var context = context
        let command = RoutedCommand(invocation: invocation, spec: routes[invocation.command]?.spec)
        context.logger[metadataKey: "command"] = "\(command.name)"
        context.logger[metadataKey: "transport"] = "\(invocation.source.rawValue)"
        do {
            return try await pipeline(command, context)
        } catch {
            // The error mapping answers every error; this only runs if outer middleware throws.
            return ErrorReplyMiddleware.reply(to: error, command: command, context: context)
        }
    }
}

/// No command has the name that was typed.
struct UnknownCommandError: UserFacingError {
    let command: String
    let known: String
    var userMessage: String { "Unknown command /\(command). Commands: \(known). Try /help." }
    var problemKind: String { Reply.Outcome.unknownCommand.rawValue }
}

extension Reply {
    /// An ephemeral reply telling the caller what went wrong.
    public static func problem(_ message: String, kind: String) -> Reply {
        Reply(
            visibility: .ephemeral, summary: message, blocks: [.paragraph(.text(message))],
            data: .object(["status": .string("error"), "error": .object(["kind": .string(kind), "message": .string(message)])]))
    }
}
