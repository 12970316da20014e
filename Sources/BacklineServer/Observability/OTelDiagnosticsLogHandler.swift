import Foundation
import Logging

/// swift-otel's own diagnostics (a collector that is down, the `OTEL_*` variables it applied)
/// through the service's log handler, with exporter header values redacted.
///
/// swift-otel logs every environment override it applies with the variable's value, and
/// `OTEL_EXPORTER_OTLP_HEADERS` usually carries the collector's API key.
struct OTelDiagnosticsLogHandler: LogHandler {
    private var inner: any LogHandler
    var metadata: Logger.Metadata = [:]

    init(wrapping inner: any LogHandler) {
        self.inner = inner
    }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let key = merged["environment_key"].map({ "\($0)".uppercased() }) {
            for field in ["environment_value", "previous_value", "new_value"] {
                guard let value = merged[field] else { continue }
                if key.contains("HEADERS") {
                    merged[field] = "<redacted>"
                } else if key.contains("ENDPOINT") {
                    merged[field] = "\(Self.withoutUserInfo("\(value)"))"
                }
            }
        }
        var event = event
        event.metadata = merged
        inner.log(event: event)
    }

    /// `https://user:key@host/...` → `https://<redacted>@host/...`: an endpoint may carry credentials.
    static func withoutUserInfo(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
              !url[scheme.upperBound..<at].contains("/")
        else { return url }
        return String(url[..<scheme.upperBound]) + "<redacted>" + String(url[at...])
    }

    /// `logger` with its handler wrapped.
    static func wrapping(_ logger: Logger) -> Logger {
        var wrapped = logger
        wrapped.handler = OTelDiagnosticsLogHandler(wrapping: logger.handler)
        return wrapped
    }
}
