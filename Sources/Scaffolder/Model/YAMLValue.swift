import Catalog
import Foundation
import Yams

/// Reads YAML (or JSON, which is YAML) into ``JSONValue``, refusing documents nested deeper than a
/// template ever is, so a hostile file cannot exhaust the stack.
enum YAMLValue {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let maxDepth = 64

    static func parse(_ text: String) throws -> JSONValue {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw Failure(description: "not valid YAML: \(error)")
        }
        return try convert(loaded, depth: 0)
    }

    private static func convert(_ value: Any?, depth: Int) throws -> JSONValue {
        guard depth < maxDepth else { throw Failure(description: "nested more than \(maxDepth) levels deep") }
        switch value {
        case nil, is NSNull: return .null
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(Double(number))
        case let number as Double: return .number(number)
        case let text as String: return .string(text)
        case let date as Date: return .string(ISO8601DateFormatter().string(from: date))
        case let data as Data: return .string(data.base64EncodedString())
        case let items as [Any]: return .array(try items.map { try convert($0, depth: depth + 1) })
        case let members as [AnyHashable: Any]:
            var object: [String: JSONValue] = [:]
            for (key, member) in members { object["\(key.base)"] = try convert(member, depth: depth + 1) }
            return .object(object)
        default: return .string("\(value!)")
        }
    }
}
