import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /metrics`: every series in Prometheus' text exposition format (version 0.0.4).
struct MetricsRoutes {
    let metrics: BacklineMetrics
    /// Sets the gauges that are read, not counted (outbox depth, entity counts), just before printing.
    let refreshGauges: @Sendable () async -> Void

    func register(on router: Router<BasicRequestContext>) {
        router.get("metrics") { _, _ in
            await refreshGauges()
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.prometheusText())))
        }
    }
}
