import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The service's metrics, recorded through swift-metrics into a Prometheus registry that
/// `GET /metrics` prints. Each application has its own registry (no process-wide bootstrap), so
/// tests that start several services side by side see only their own numbers.
///
/// Names follow Prometheus conventions: `backline_` prefix, the unit in the name (`_seconds`,
/// `_total`), and labels with bounded values only (a command label is a known command's name or
/// `unknown`, never what someone typed).
public final class BacklineMetrics: Sendable {
    /// Where every series lives; ``prometheusText()`` prints it.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let metrics = Mutex(Metrics())
    /// Socket Mode hellos so far, to tell a reconnect from the first connection.
    let socketModeConnections = Atomic<Int>(0)

    private struct SeriesKey: Hashable {
        let name: String
        let labels: [String]
    }

    /// Every metric made so far, by name and labels.
    private struct Metrics {
        var counters: [SeriesKey: CoreMetrics.Counter] = [:]
        var timers: [SeriesKey: CoreMetrics.Timer] = [:]
        var gauges: [SeriesKey: CoreMetrics.Gauge] = [:]
    }

    /// A fresh registry. Durations are bucketed from 0.1 ms to 10 s: a catalog answer takes well under
    /// a millisecond, a refresh or a harvest seconds.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        self.factory = factory
    }

    /// The registry in Prometheus' text exposition format.
    public func prometheusText() -> [UInt8] { registry.emitToBuffer() }

    /// The metric `name` with `labels`, made by `make` the first time and reused after: a
    /// dictionary lookup per recording instead of a registry lookup and an allocation.
    private func cached<Metric: Sendable>(
        _ kind: WritableKeyPath<Metrics, [SeriesKey: Metric]>, _ name: String, _ labels: [(String, String)],
        make: (String, [(String, String)]) -> Metric
    ) -> Metric {
        let key = SeriesKey(name: name, labels: labels.flatMap { [$0.0, $0.1] })
        return metrics.withLock { metrics in
            if let metric = metrics[keyPath: kind][key] { return metric }
            let metric = make(name, labels)
            metrics[keyPath: kind][key] = metric
            return metric
        }
    }

    /// Adds `amount` to the counter `name` with `labels`.
    func count(_ name: String, _ labels: [(String, String)] = [], by amount: Int = 1) {
        cached(\.counters, name, labels) { CoreMetrics.Counter(label: $0, dimensions: $1, factory: factory) }.increment(by: amount)
    }

    /// Records one duration in the histogram `name` with `labels`.
    func time(_ name: String, _ labels: [(String, String)] = [], _ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        cached(\.timers, name, labels) { CoreMetrics.Timer(label: $0, dimensions: $1, factory: factory) }
            .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Sets the gauge `name` with `labels` to `value`.
    func set(_ name: String, _ labels: [(String, String)] = [], to value: Double) {
        cached(\.gauges, name, labels) { CoreMetrics.Gauge(label: $0, dimensions: $1, factory: factory) }.record(value)
    }

    /// The first label's values of every gauge named `name` set so far.
    func gaugeLabelValues(_ name: String) -> [String] {
        metrics.withLock { $0.gauges.keys.filter { $0.name == name && $0.labels.count >= 2 }.map { $0.labels[1] } }
    }
}
