import Foundation
import Logging
import OTel
import ServiceLifecycle
import Slack
import Tracing

/// Where this application's spans go: an OpenTelemetry tracer exporting over OTLP/HTTP, or nothing.
///
/// The tracer is this application's own, handed to each part that starts spans, rather than the
/// process-wide `InstrumentationSystem`: tests run several applications in one process, each with
/// its own receiver, and libraries that trace through the global tracer (AsyncHTTPClient) would
/// otherwise start a root trace for every background request (registry lookups, outbox posts).
///
/// One trace per invocation: the transport's span (an HTTP request, a Socket Mode envelope) is
/// the root and always starts a new trace (a `traceparent` header from the internet is not trusted
/// to graft spans onto someone else's trace); the command, catalog queries and Slack Web API calls
/// made on its behalf are its children. Work outside a trace (refreshes, probes, scrapes) starts no
/// span. When tracing is off every step checks one optional and does nothing else.
public struct BacklineTracing: Sendable {
    /// The tracer; nil when tracing is off.
    public let tracer: (any Tracer)?
    /// Exports finished spans in batches and flushes them on graceful shutdown; runs in the
    /// service group. Nil when off, or when the caller runs its tracer's background work itself.
    let exporter: (any Service)?

    /// No tracing.
    public static let off = BacklineTracing(tracer: nil, exporter: nil)

    /// Spans go to `tracer`, whose export the caller runs (e.g. an in-memory tracer in a test).
    public init(tracer: any Tracer) {
        self.init(tracer: tracer, exporter: nil)
    }

    private init(tracer: (any Tracer)?, exporter: (any Service)?) {
        self.tracer = tracer
        self.exporter = exporter
    }

    /// The tracer `settings` ask for: off, or an OTLP/HTTP exporter (swift-otel) whose background
    /// work runs as ``exporter``. swift-otel also reads its own `OTEL_*` variables (headers, timeout,
    /// sampler, batch sizes) from the process environment.
    public static func make(settings: TracingSettings, logger: Logger) throws -> BacklineTracing {
        guard let url = settings.tracesURL else { return .off }
        var configuration = OTel.Configuration.default
        configuration.serviceName = settings.serviceName
        // Only traces: metrics are Prometheus' (`/metrics`) and logs go to standard error.
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.endpoint = url
        configuration.traces.otlpExporter.protocol = settings.wireFormat == .json ? .httpJSON : .httpProtobuf
        // The exporter's own complaints (a collector that is down) go to the service's log, in its format.
        configuration.diagnosticLogger = .custom(OTelDiagnosticsLogHandler.wrapping(logger))
        // swift-otel sets its logger's level from this (or OTEL_LOG_LEVEL): no chattier than ours.
        configuration.diagnosticLogLevel = switch logger.logLevel {
        case .trace: .trace
        case .debug: .debug
        case .info, .notice: .info
        case .warning: .warning
        case .error, .critical: .error
        }
        if settings.wireFormat == .json {
            // Seen on the wire with swift-otel 1.6.0; receivers that follow OTLP/JSON strictly (the
            // OpenTelemetry Collector) refuse such batches with 400.
            logger.warning("""
                OTLP http/json: swift-otel writes trace and span ids in base64 (protobuf's JSON mapping), not the hex \
                OTLP/JSON asks for, and the OpenTelemetry Collector refuses them; use http/protobuf (the default) with a collector
                """)
        }
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        return BacklineTracing(tracer: backend.factory, exporter: backend.service)
    }

    /// Adds `trace_id` and `span_id` (and `trace_flags`) to every log line written while a span is
    /// active, so a log line leads to its trace and back. Install it only when tracing is on.
    public static var logMetadataProvider: Logger.MetadataProvider {
        OTel.makeLoggingMetadataProvider()
    }

    /// Runs `body` in a new trace whose root span is the transport's; `body` gets the span to
    /// annotate. Without a tracer it just runs `body`.
    func withTransportSpan<T>(
        _ name: String, kind: SpanKind, transport: String, _ body: ((any Span)?) async throws -> T
    ) async rethrows -> T {
        guard let tracer else { return try await body(nil) }
        let span = tracer.startSpan(name, context: .topLevel, ofKind: kind)
        span.attributes["backline.transport"] = transport
        return try await Self.run(span, body)
    }

    /// Runs `body` in a child span of the trace in progress; no span without a tracer or outside a
    /// trace.
    func withChildSpan<T>(_ name: String, kind: SpanKind = .internal, _ body: ((any Span)?) async throws -> T) async rethrows -> T {
        guard let tracer, let parent = ServiceContext.current else { return try await body(nil) }
        return try await Self.run(tracer.startSpan(name, context: parent, ofKind: kind), body)
    }

    private static func run<T>(_ span: any Span, _ body: ((any Span)?) async throws -> T) async rethrows -> T {
        defer { span.end() }
        do {
            return try await ServiceContext.$current.withValue(span.context) { try await body(span) }
        } catch {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }

    /// Records each Slack Web API call made during a trace as a client span (`slack chat.postMessage`)
    /// ending now and starting `duration` ago (pacing and `Retry-After` waits included), with the
    /// call's result; then tells `next` (the metrics). Without a tracer, `next` unchanged.
    func observingSlackCalls(_ next: SlackCallObserver) -> SlackCallObserver {
        guard let tracer else { return next }
        var observer = next
        observer.finished = { method, result, duration in
            next.finished(method, result, duration)
            // The client reports once the call is over, from the caller's task: the trace in
            // progress is the caller's, and the start is known from the duration.
            guard let parent = ServiceContext.current else { return }
            let now = DefaultTracerClock.now.nanosecondsSinceEpoch
            let took = UInt64(max(0, duration.seconds) * 1_000_000_000)
            let start = DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: now - min(now, took))
            let span = tracer.startSpan("slack \(method)", context: parent, ofKind: .client, at: start)
            span.attributes["rpc.system"] = "slack"
            span.attributes["rpc.method"] = method
            span.attributes["slack.result"] = result
            if result != "ok" { span.setStatus(SpanStatus(code: .error, message: result)) }
            span.end()
        }
        return observer
    }
}
