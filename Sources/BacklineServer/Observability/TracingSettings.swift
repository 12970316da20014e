import Foundation

/// Whether and where `serve` sends OpenTelemetry traces, from the standard `OTEL_*` environment
/// variables (the OpenTelemetry SDK specification's names, so a collector set-up written for any
/// other service works here too).
///
/// Off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, and
/// off again with `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. Only OTLP over HTTP is
/// built in; the exporter's other variables (`OTEL_EXPORTER_OTLP_HEADERS`, `..._TIMEOUT`,
/// `..._COMPRESSION`, `OTEL_TRACES_SAMPLER`, `OTEL_BSP_*`, `OTEL_RESOURCE_ATTRIBUTES`) are read by
/// swift-otel itself.
public struct TracingSettings: Sendable, Equatable {
    /// How spans are encoded on the wire.
    public enum WireFormat: String, Sendable, CaseIterable {
        /// `http/protobuf`, the OTLP default.
        case protobuf = "http/protobuf"
        /// `http/json`.
        case json = "http/json"
    }

    /// Where spans are posted (the full URL, `/v1/traces` included); nil turns tracing off.
    public var tracesURL: String?
    /// The encoding.
    public var wireFormat: WireFormat = .protobuf
    /// `service.name` on every span (`OTEL_SERVICE_NAME`, default `backline`).
    public var serviceName = "backline"

    /// Off.
    public init() {}

    /// Spans to `tracesURL` (tests point it at a local receiver).
    public init(tracesURL: String, wireFormat: WireFormat = .protobuf, serviceName: String = "backline") {
        self.tracesURL = tracesURL
        self.wireFormat = wireFormat
        self.serviceName = serviceName
    }

    /// Whether `serve` traces.
    public var isEnabled: Bool { tracesURL != nil }

    /// Reads the `OTEL_*` variables; refuses what Backline cannot do (gRPC, other exporters) and
    /// endpoints that are not http(s) URLs, naming the variable.
    public init(environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        if let disabled = value("OTEL_SDK_DISABLED"), disabled.lowercased() == "true" { return }
        if let exporter = value("OTEL_TRACES_EXPORTER")?.lowercased() {
            if exporter == "none" { return }
            guard exporter == "otlp" else {
                throw ConfigurationError(description: "OTEL_TRACES_EXPORTER=\(exporter): Backline exports traces with otlp only (or none)")
            }
        }
        // The per-signal endpoint is used as it is; the shared one is a base that /v1/traces is
        // appended to (OpenTelemetry's rule for OTLP/HTTP).
        let variable: String
        let url: String
        if let specific = value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            (variable, url) = ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", specific)
        } else if let shared = value("OTEL_EXPORTER_OTLP_ENDPOINT") {
            (variable, url) = ("OTEL_EXPORTER_OTLP_ENDPOINT", shared.hasSuffix("/") ? shared + "v1/traces" : shared + "/v1/traces")
        } else {
            return
        }
        guard let parsed = URLComponents(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false else {
            throw ConfigurationError(description: "\(variable) must be an http:// or https:// URL")
        }
        let protocolVariable = value("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") != nil ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" : "OTEL_EXPORTER_OTLP_PROTOCOL"
        if let name = value(protocolVariable) {
            guard let format = WireFormat(rawValue: name.lowercased()) else {
                throw ConfigurationError(description: "\(protocolVariable)=\(name): Backline exports traces over OTLP/HTTP only: http/protobuf or http/json")
            }
            wireFormat = format
        }
        tracesURL = url
        if let name = value("OTEL_SERVICE_NAME") { serviceName = name }
    }

    /// One line for the start-up log: where spans go, without any credentials the URL may carry.
    public var capability: String {
        guard let tracesURL, var components = URLComponents(string: tracesURL) else {
            return "Traces: off (set OTEL_EXPORTER_OTLP_ENDPOINT to send OpenTelemetry traces)"
        }
        components.user = nil
        components.password = nil
        components.query = nil
        return "Traces: OTLP \(wireFormat.rawValue) to \(components.string ?? "the configured endpoint") as service \(serviceName)"
    }
}
