import Foundation

/// A PEP 508 requirement (`name[extras] specifiers ; marker` or `name @ url`), with the name
/// PEP 503-normalised.
struct PythonRequirement: Sendable, Hashable {
    let name: String
    /// The specifiers as written (`>=2.31,<3`), nil when none or a direct URL.
    let specifier: String?
    /// The exact version when the specifiers pin one (`==4.2.16`, `===1.0`; not `==4.2.*`).
    let pinned: String?

    /// Reads one requirement; nil when the text does not start with a valid project name.
    init?(_ text: some StringProtocol) {
        var body = Substring(text)
        if let semicolon = body.firstIndex(of: ";") { body = body[..<semicolon] }
        body = body.drop { $0 == " " || $0 == "\t" }
        let nameEnd = body.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") } ?? body.endIndex
        let rawName = body[..<nameEnd]
        guard let first = rawName.first, first.isLetter || first.isNumber, rawName.allSatisfy(\.isASCII) else { return nil }
        name = Self.normalise(rawName)
        var rest = body[nameEnd...].drop { $0 == " " || $0 == "\t" }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            rest = rest[rest.index(after: close)...].drop { $0 == " " || $0 == "\t" }
        }
        if rest.hasPrefix("@") {
            specifier = nil
            pinned = nil
            return
        }
        var spec = rest.trimmingCharacters(in: .whitespaces)
        if spec.hasPrefix("("), spec.hasSuffix(")") { spec = String(spec.dropFirst().dropLast()) }
        guard spec.isEmpty || spec.first.map({ "<>=!~".contains($0) }) == true else { return nil }
        specifier = spec.isEmpty ? nil : spec
        pinned = Self.pin(in: spec)
    }

    /// PEP 503: lowercase, runs of `-`, `_` and `.` become one `-`.
    static func normalise(_ name: some StringProtocol) -> String {
        var output = ""
        var inRun = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !inRun { output.append("-") }
                inRun = true
            } else {
                output.append(character)
                inRun = false
            }
        }
        return output
    }

    /// The version of a lone `==` / `===` clause without a wildcard.
    private static func pin(in specifier: String) -> String? {
        let clauses = specifier.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard clauses.count == 1, let clause = clauses.first else { return nil }
        let version: Substring
        if clause.hasPrefix("===") { version = clause.dropFirst(3) }
        else if clause.hasPrefix("==") { version = clause.dropFirst(2) }
        else { return nil }
        let trimmed = version.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains("*") else { return nil }
        return trimmed
    }
}
