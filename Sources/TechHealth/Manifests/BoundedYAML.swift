import Yams

/// A YAML document read under limits, as a plain tree with lines.
///
/// Lock files are machine-written and never use anchors or aliases, while a hostile file can use
/// them to make a few hundred bytes stand for billions of nodes ("billion laughs"). Yams keeps an
/// alias as a shared value, but anything that walks or hashes the tree (including Yams' own check
/// for duplicate keys when an alias is a key) pays for every copy. So a document with an alias is
/// refused before Yams sees it, and the conversion below also stops after `maximumNodes` nodes.
/// libyaml itself stops at 1,000 levels of nesting.
struct BoundedYAML: Sendable {
    /// A node of the tree.
    indirect enum Value: Sendable {
        case mapping([Pair])
        case sequence([BoundedYAML])
        case scalar(String)
    }

    /// One `key: value` of a mapping, with the key's line.
    struct Pair: Sendable {
        let key: String
        let line: Int?
        let value: BoundedYAML
    }

    /// Why a document was refused.
    struct Refusal: Error, Sendable {
        let message: String
        let line: Int?
    }

    let value: Value
    let line: Int?

    /// More nodes than this and the document is refused: a 8 MiB lock file has far fewer.
    static let maximumNodes = 2_000_000

    /// Parses `text`, refusing aliases, bad syntax and oversized trees.
    static func parse(_ text: String) throws(Refusal) -> BoundedYAML? {
        if let line = AnchorScan.firstAnchorLine(in: text) {
            throw Refusal(message: "YAML anchors and aliases are not accepted in a lock file", line: line)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Refusal(message: Self.describe(error), line: Self.line(of: error))
        } catch {
            throw Refusal(message: "not valid YAML", line: nil)
        }
        guard let node else { return nil }
        var budget = maximumNodes
        return try convert(node, budget: &budget)
    }

    private static func convert(_ node: Node, budget: inout Int) throws(Refusal) -> BoundedYAML {
        budget -= 1
        guard budget >= 0 else { throw Refusal(message: "YAML document has too many nodes", line: node.mark?.line) }
        switch node {
        case .scalar(let scalar):
            return BoundedYAML(value: .scalar(scalar.string), line: scalar.mark?.line)
        case .sequence(let sequence):
            var items: [BoundedYAML] = []
            for item in sequence { items.append(try convert(item, budget: &budget)) }
            return BoundedYAML(value: .sequence(items), line: sequence.mark?.line)
        case .mapping(let mapping):
            var pairs: [Pair] = []
            for (key, value) in mapping {
                // Lock-file keys are scalars; a complex key has no meaning here.
                guard case .scalar(let keyScalar) = key else { continue }
                pairs.append(Pair(key: keyScalar.string, line: keyScalar.mark?.line, value: try convert(value, budget: &budget)))
            }
            return BoundedYAML(value: .mapping(pairs), line: mapping.mark?.line)
        case .alias:
            throw Refusal(message: "YAML aliases are not accepted in a lock file", line: node.mark?.line)
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            "not valid YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            "not valid YAML: duplicated keys \(duplicates.prefix(3).joined(separator: ", "))"
        default: "not valid YAML"
        }
    }

    /// The member named `key`, when this is a mapping.
    subscript(key: String) -> BoundedYAML? {
        guard case .mapping(let pairs) = value else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// The pairs, when this is a mapping.
    var pairs: [Pair] {
        if case .mapping(let pairs) = value { return pairs }
        return []
    }

    /// The text, when this is a scalar.
    var scalar: String? {
        if case .scalar(let text) = value { return text }
        return nil
    }
}

/// Finds an anchor (`&name`) in one linear pass, quotes and comments included.
///
/// An alias needs an anchor, so a document without anchors cannot alias anything. An anchor may only
/// begin a node, right after white space or a flow indicator; `&` inside a URL query or a word does
/// not count. Quoted text and comments are not skipped on purpose: telling them apart needs a YAML
/// scanner, and a mistake there could hide an anchor. Counting them only refuses odd files (lock
/// files never have a `&` after a space), never lets an anchor through.
enum AnchorScan {
    static func firstAnchorLine(in text: String) -> Int? {
        var line = 1
        var previous: UInt8 = 0x0A
        for byte in text.utf8 {
            if byte == UInt8(ascii: "&"), startsNode(after: previous) { return line }
            if byte == 0x0A { line += 1 }
            previous = byte
        }
        return nil
    }

    /// True when a node may begin right after `byte`: white space (also the last byte of the
    /// Unicode line breaks libyaml accepts) or a flow indicator.
    private static func startsNode(after byte: UInt8) -> Bool {
        switch byte {
        case 0x0A, 0x0D, 0x20, 0x09, 0x85, 0xA8, 0xA9, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
             UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: "!"):
            true
        default: false
        }
    }
}
