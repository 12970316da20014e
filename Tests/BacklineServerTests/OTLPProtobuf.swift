import Foundation

/// Just enough of the protobuf wire format to read OTLP's ExportTraceServiceRequest (the
/// `http/protobuf` encoding, OTLP's default) in tests: varints, fixed-width fields and
/// length-delimited fields, with the field numbers of opentelemetry-proto's trace.proto.
enum OTLPProtobuf {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// One field of a message: its number and its value.
    enum Field {
        case varint(Int, UInt64)
        case bytes(Int, [UInt8])
        case fixed(Int)

        var number: Int {
            switch self {
            case .varint(let number, _), .bytes(let number, _), .fixed(let number): number
            }
        }
    }

    static func fields(_ bytes: [UInt8]) throws -> [Field] {
        var fields: [Field] = []
        var index = 0
        func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < bytes.count, shift < 64 else { throw Malformed(description: "truncated varint") }
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
        }
        while index < bytes.count {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: fields.append(.varint(number, try varint()))
            case 1, 5:
                let width = key & 7 == 1 ? 8 : 4
                guard index + width <= bytes.count else { throw Malformed(description: "truncated fixed field") }
                index += width
                fields.append(.fixed(number))
            case 2:
                let length = Int(try varint())
                guard length >= 0, index + length <= bytes.count else { throw Malformed(description: "truncated field \(number)") }
                fields.append(.bytes(number, Array(bytes[index..<index + length])))
                index += length
            default: throw Malformed(description: "wire type \(key & 7)")
            }
        }
        return fields
    }

    private static func messages(_ fields: [Field], _ number: Int) -> [[UInt8]] {
        fields.compactMap { if case .bytes(number, let bytes) = $0 { bytes } else { nil } }
    }

    private static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// `KeyValue` list → text values (string, bool and int values; others as a placeholder).
    private static func attributes(_ list: [[UInt8]]) throws -> [String: String] {
        var result: [String: String] = [:]
        for pair in list {
            let fields = try fields(pair)
            guard let key = messages(fields, 1).first.map({ String(decoding: $0, as: UTF8.self) }) else { continue }
            let value = try messages(fields, 2).first.map(Self.fields) ?? []
            for field in value {
                switch field {
                case .bytes(1, let text): result[key] = String(decoding: text, as: UTF8.self)
                case .varint(2, let flag): result[key] = flag != 0 ? "true" : "false"
                case .varint(3, let number): result[key] = String(Int64(bitPattern: number))
                default: result[key] = result[key] ?? "<value>"
                }
            }
        }
        return result
    }

    /// Every span of an ExportTraceServiceRequest.
    static func spans(_ body: [UInt8]) throws -> [ReceivedSpan] {
        var received: [ReceivedSpan] = []
        for resourceSpans in messages(try fields(body), 1) {
            let resourceFields = try fields(resourceSpans)
            let resource = try messages(resourceFields, 1).first.map { try attributes(messages(try fields($0), 1)) } ?? [:]
            for scopeSpans in messages(resourceFields, 2) {
                for span in messages(try fields(scopeSpans), 2) {
                    let spanFields = try fields(span)
                    guard let traceID = messages(spanFields, 1).first, let spanID = messages(spanFields, 2).first,
                          let name = messages(spanFields, 5).first
                    else { throw Malformed(description: "a span without trace id, span id or name") }
                    let kind = spanFields.compactMap { if case .varint(6, let kind) = $0 { Int(kind) } else { nil } }.first ?? 0
                    let status = try messages(spanFields, 15).first.map(Self.fields) ?? []
                    let code = status.compactMap { if case .varint(3, let code) = $0 { Int(code) } else { nil } }.first ?? 0
                    received.append(ReceivedSpan(
                        traceID: hex(traceID), spanID: hex(spanID), parentSpanID: messages(spanFields, 4).first.map(hex) ?? "",
                        name: String(decoding: name, as: UTF8.self), kind: kind, attributes: try attributes(messages(spanFields, 9)),
                        statusCode: code, serviceName: resource["service.name"]))
                }
            }
        }
        return received
    }
}
