import Foundation
import Hummingbird
import Logging
import NIOCore
import SlackTesting

/// One span as an OTLP/HTTP receiver decoded it.
struct ReceivedSpan: Sendable, CustomStringConvertible {
    /// Lower-case hex, as W3C trace context and log lines write them.
    var traceID: String
    var spanID: String
    /// Empty for a root span.
    var parentSpanID: String
    var name: String
    /// OTLP's SpanKind number: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
    var kind: Int
    /// Every attribute's value as text.
    var attributes: [String: String]
    /// OTLP's status code: 0 unset, 1 ok, 2 error.
    var statusCode: Int
    /// `service.name` of the resource that sent it.
    var serviceName: String?

    var description: String { "\(name) [\(traceID.prefix(8))/\(spanID) ← \(parentSpanID)]" }
}

/// A local OpenTelemetry collector for tests: accepts `POST /v1/traces` in both OTLP/HTTP
/// encodings (protobuf, the default, and JSON) on loopback and records every span it receives,
/// for tests to await.
final class OTLPReceiver: Sendable {
    let port: Int
    let spans: Recorder<ReceivedSpan>
    /// Requests that were not OTLP JSON, by reason.
    let refused: Recorder<String>

    /// What to set as the traces endpoint.
    var tracesURL: String { "http://127.0.0.1:\(port)/v1/traces" }

    private init(port: Int, spans: Recorder<ReceivedSpan>, refused: Recorder<String>) {
        self.port = port
        self.spans = spans
        self.refused = refused
    }

    static func withRunning<T: Sendable>(_ body: (OTLPReceiver) async throws -> T) async throws -> T {
        let spans = Recorder<ReceivedSpan>()
        let refused = Recorder<String>()
        let router = Router()
        router.post("v1/traces") { request, context -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 16 << 20)
            let contentType = request.headers[.contentType] ?? ""
            do {
                if contentType.hasPrefix("application/json") {
                    for span in try decode(Data(body.readableBytesView)) { spans.record(span) }
                    // An empty ExportTraceServiceResponse: everything accepted.
                    return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))
                } else if contentType.hasPrefix("application/x-protobuf") {
                    for span in try OTLPProtobuf.spans(Array(body.readableBytesView)) { spans.record(span) }
                    // The same, as protobuf: no bytes at all.
                    return Response(status: .ok, headers: [.contentType: "application/x-protobuf"])
                }
                refused.record("content type \(contentType)")
                return Response(status: .unsupportedMediaType)
            } catch {
                refused.record("\(error)")
                return Response(status: .badRequest)
            }
        }
        return try await withLoopbackApp(router, serverName: "OTLPReceiver") { port in
            try await body(OTLPReceiver(port: port, spans: spans, refused: refused))
        }
    }

    enum ReceiverError: Error { case notOTLP(String) }

    /// Reads an ExportTraceServiceRequest in the protobuf JSON mapping: ids are base64 bytes
    /// (protobuf's mapping for `bytes`), or hex as OTLP's own JSON rules write them; either is
    /// accepted and returned as hex.
    static func decode(_ data: Data) throws -> [ReceivedSpan] {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw ReceiverError.notOTLP("not an object") }
        var received: [ReceivedSpan] = []
        for resourceSpans in root["resourceSpans"] as? [[String: Any]] ?? [] {
            let resource = attributes((resourceSpans["resource"] as? [String: Any])?["attributes"])
            for scopeSpans in resourceSpans["scopeSpans"] as? [[String: Any]] ?? [] {
                for span in scopeSpans["spans"] as? [[String: Any]] ?? [] {
                    guard let traceID = hex(span["traceId"]), let spanID = hex(span["spanId"]), let name = span["name"] as? String else {
                        throw ReceiverError.notOTLP("a span without trace id, span id or name: \(span)")
                    }
                    received.append(ReceivedSpan(
                        traceID: traceID, spanID: spanID, parentSpanID: hex(span["parentSpanId"]) ?? "", name: name,
                        kind: (span["kind"] as? NSNumber)?.intValue ?? 0, attributes: attributes(span["attributes"]),
                        statusCode: ((span["status"] as? [String: Any])?["code"] as? NSNumber)?.intValue ?? 0,
                        serviceName: resource["service.name"]))
                }
            }
        }
        return received
    }

    private static func attributes(_ list: Any?) -> [String: String] {
        var result: [String: String] = [:]
        for attribute in list as? [[String: Any]] ?? [] {
            guard let key = attribute["key"] as? String, let value = attribute["value"] as? [String: Any], let first = value.first else { continue }
            result[key] = "\(first.value)"
        }
        return result
    }

    private static func hex(_ value: Any?) -> String? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        let isHex = text.allSatisfy(\.isHexDigit) && (text.count == 16 || text.count == 32)
        if isHex { return text.lowercased() }
        guard let bytes = Data(base64Encoded: text) else { return nil }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
