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
    private let counters = Mutex<[SeriesKey: CoreMetrics.Counter]>([:])
    private let timers = Mutex<[SeriesKey: CoreMetrics.Timer]>([:])
    private let gauges = Mutex<[SeriesKey: CoreMetrics.Gauge]>([:])
    /// Socket Mode hellos so far, to tell a reconnect from the first connection.
    let socketModeConnections = Atomic<Int>(0)

    private struct SeriesKey: Hashable {
        let name: String
        let labels: [String]
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

    /// Adds `amount` to the counter `name` with `labels`.
    func count(_ name: String, _ labels: [(String, String)] = [], by amount: Int = 1) {
        let key = SeriesKey(name: name, labels: labels.flatMap { [$0.0, $0.1] })
        let counter = counters.withLock { cache in
            if let counter = cache[key] { return counter }
            let counter = CoreMetrics.Counter(label: name, dimensions: labels, factory: factory)
            cache[key] = counter
            return counter
        }
        counter.increment(by: amount)
    }

    /// Records one duration in the histogram `name` with `labels`.
    func time(_ name: String, _ labels: [(String, String)] = [], _ duration: Duration) {
        let key = SeriesKey(name: name, labels: labels.flatMap { [$0.0, $0.1] })
        let timer = timers.withLock { cache in
            if let timer = cache[key] { return timer }
            let timer = CoreMetrics.Timer(label: name, dimensions: labels, factory: factory)
            cache[key] = timer
            return timer
        }
        let (seconds, attoseconds) = duration.components
        timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// The first label's values of every gauge named `name` set so far.
    func gaugeLabelValues(_ name: String) -> [String] {
        gauges.withLock { cache in cache.keys.filter { $0.name == name && $0.labels.count >= 2 }.map { $0.labels[1] } }
    }

    /// Sets the gauge `name` with `labels` to `value`.
    func set(_ name: String, _ labels: [(String, String)] = [], to value: Double) {
        let key = SeriesKey(name: name, labels: labels.flatMap { [$0.0, $0.1] })
        let gauge = gauges.withLock { cache in
            if let gauge = cache[key] { return gauge }
            let gauge = CoreMetrics.Gauge(label: name, dimensions: labels, factory: factory)
            cache[key] = gauge
            return gauge
        }
        gauge.record(value)
    }
}
