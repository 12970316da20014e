import GRDB
import Tracing

/// The catalog's GRDB writer, with every read and write a span of the trace in progress when the
/// service traces (an OpenTelemetry tracer is configured).
///
/// Reads and writes outside a trace (the refresh loop, readiness probes, metrics scrapes) start no
/// span: one trace per invocation, not one per background query. Without a tracer it is a plain
/// pass-through, so a service that does not trace pays one nil check per query.
struct TracedWriter: Sendable {
    /// The connection pool (a file) or queue (in memory).
    let base: any DatabaseWriter
    /// Where spans go; nil when the service does not trace.
    let tracer: (any Tracer)?
    /// Reads on the calling thread when a lane is free.
    let reader: LaneReader

    init(base: any DatabaseWriter, tracer: (any Tracer)?) {
        self.base = base
        self.tracer = tracer
        reader = LaneReader(base)
    }

    /// Reads on a free lane in this thread, else through the pool; `operation` (the calling
    /// store method) names the span.
    func read<T: Sendable>(_ operation: String = #function, _ value: @Sendable (Database) throws -> T) async throws -> T {
        guard let tracer, let parent = ServiceContext.current else { return try await laneOrPoolRead(value) }
        return try await Self.span(tracer, parent: parent, kind: "read", operation: operation) { try await laneOrPoolRead(value) }
    }

    private func laneOrPoolRead<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        try await reader.read(value)
    }

    /// Writes in one transaction; `operation` (the calling store method) names the span.
    func write<T: Sendable>(_ operation: String = #function, _ updates: @Sendable (Database) throws -> T) async throws -> T {
        guard let tracer, let parent = ServiceContext.current else { return try await base.write(updates) }
        return try await Self.span(tracer, parent: parent, kind: "write", operation: operation) { try await base.write(updates) }
    }

    /// `catalog entities(named:)`, a client span as OpenTelemetry's database conventions have it,
    /// marked failed when the query throws.
    private static func span<T>(
        _ tracer: any Tracer, parent: ServiceContext, kind: String, operation: String, _ body: () async throws -> T
    ) async throws -> T {
        let span = tracer.startSpan("catalog \(operation)", context: parent, ofKind: .client)
        defer { span.end() }
        span.attributes["db.system.name"] = "sqlite"
        span.attributes["db.operation.name"] = kind
        span.attributes["code.function.name"] = operation
        do {
            return try await ServiceContext.$current.withValue(span.context) { try await body() }
        } catch {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }
}
