import Foundation
import Logging
import Synchronization

/// Writes each log record as one JSON object on one line (`logging.format: json`), for log
/// pipelines that index fields: `time` (RFC 3339, UTC, milliseconds), `level`, `logger`,
/// `message`, then every metadata key at the top level (`invocation_id`, `transport`, `command`,
/// `duration_ms`, ...). Values are strings as the metadata printed them, so a `Secret` appears
/// redacted exactly as in text logs.
public struct JSONLogHandler: LogHandler {
    /// Where lines go; one `write` per line, so lines from several threads never interleave.
    public struct Sink: Sendable {
        let write: @Sendable ([UInt8]) -> Void

        /// Standard error.
        public static let standardError = Sink { bytes in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }

        /// Any destination, such as a test's recorder.
        public init(write: @escaping @Sendable ([UInt8]) -> Void) { self.write = write }
    }

    private let label: String
    private let sink: Sink
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler for the logger `label`.
    public init(label: String, level: Logger.Level = .info, sink: Sink = .standardError, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.sink = sink
        self.logLevel = level
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        var line = "{\"time\":\(Self.quoted(Self.timestamp(Date())))"
        line += ",\"level\":\(Self.quoted(event.level.rawValue))"
        line += ",\"logger\":\(Self.quoted(label))"
        line += ",\"message\":\(Self.quoted(event.message.description))"
        for key in merged.keys.sorted() where !["time", "level", "logger", "message"].contains(key) {
            line += ",\(Self.quoted(key)):\(Self.json(merged[key]!))"
        }
        line += "}\n"
        sink.write(Array(line.utf8))
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .stringConvertible(let value): quoted(value.description)
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let members): "{" + members.keys.sorted().map { "\(quoted($0)):\(json(members[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count) + String(control.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
