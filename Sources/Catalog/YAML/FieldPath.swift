/// A path into a document, printed as `metadata.links[0].url`, the form problems name fields in.
struct FieldPath: CustomStringConvertible {
    enum Segment: Equatable {
        case key(String)
        case index(Int)
    }

    private(set) var segments: [Segment] = []

    mutating func push(_ segment: Segment) { segments.append(segment) }
    mutating func pop() { segments.removeLast() }

    var description: String { Self.format(segments) }

    static func format(_ segments: [Segment]) -> String {
        var text = ""
        for segment in segments {
            switch segment {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// Parses the printed form back into segments. Keys containing `.` (annotation keys such as
    /// `backstage.io/techdocs-ref`) are only ever the last segment under a map, so the parser
    /// treats everything after `metadata.annotations.` / `metadata.labels.` as one key.
    static func segments(_ path: String) -> [Segment] {
        for prefix in ["metadata.annotations.", "metadata.labels."] where path.hasPrefix(prefix) {
            return segments(String(prefix.dropLast())) + [.key(String(path.dropFirst(prefix.count)))]
        }
        var result: [Segment] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                if let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) { indices.insert(index, at: 0) }
                name = name[..<open]
            }
            if !name.isEmpty { result.append(.key(String(name))) }
            result.append(contentsOf: indices.map(Segment.index))
        }
        return result
    }
}
