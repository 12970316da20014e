import ChatOps
import Logging
import Tracing

/// The command's span (`command /owner`), a child of the transport's, around everything else in the
/// pipeline (timing, logging, error mapping, access check, handler), so the `command answered` log
/// line carries this span's ids. Added only when tracing is on.
///
/// Attributes are bounded: a known command's name or `unknown`, the transport, the outcome and the
/// invocation id; never the text someone typed.
struct CommandTracingMiddleware: CommandMiddleware {
    let tracing: BacklineTracing

    func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply {
        try await tracing.withChildSpan("command /\(command.name)") { span in
            span?.attributes["backline.command"] = command.name
            span?.attributes["backline.transport"] = command.invocation.source.rawValue
            if let id = context.logger[metadataKey: "invocation_id"] { span?.attributes["backline.invocation_id"] = id.description }
            let reply = try await next(command, context)
            span?.attributes["backline.outcome"] = reply.outcome.rawValue
            if reply.outcome == .internalError { span?.setStatus(SpanStatus(code: .error)) }
            return reply
        }
    }
}
