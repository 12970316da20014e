import Foundation

/// Package names as each ecosystem compares them, so `Django`, `django` and `DJANGO` (PyPI) or
/// `docker.io/library/node` and `node` (Docker Hub) find the same release data.
public enum PackageName {
    /// The canonical name of `name` in `ecosystem`.
    ///
    /// PyPI: PEP 503 (lower-case, runs of `-`, `_`, `.` become `-`). crates.io: lower-case with
    /// `_` read as `-`, as the registry treats them as one name. Docker: lower-case, without
    /// `docker.io/`, `index.docker.io/` and `library/`. npm, Maven, Go, RubyGems and SwiftPM names
    /// are kept as written (they are case-sensitive or already canonical), trimmed.
    public static func normalised(_ name: String, in ecosystem: Ecosystem) -> String {
        let trimmed = trimmingWhitespace(name)
        switch ecosystem {
        case .pypi:
            var result = ""
            var previousWasSeparator = false
            for character in trimmed.lowercased() {
                if character == "-" || character == "_" || character == "." {
                    if !previousWasSeparator { result.append("-") }
                    previousWasSeparator = true
                } else {
                    result.append(character)
                    previousWasSeparator = false
                }
            }
            return result
        case .cargo:
            return trimmed.lowercased().replacingOccurrences(of: "_", with: "-")
        case .docker:
            var image = Substring(trimmed.lowercased())
            for prefix in ["docker.io/", "index.docker.io/", "registry-1.docker.io/"] where image.hasPrefix(prefix) {
                image = image.dropFirst(prefix.count)
            }
            if image.hasPrefix("library/") { image = image.dropFirst("library/".count) }
            return String(image)
        case .npm, .maven, .go, .rubygems, .swift:
            return trimmed
        }
    }

    /// `name` without surrounding whitespace. Names almost never have any, and this runs for
    /// every dependency measured (hundreds of thousands in a digest run), so the common case
    /// checks two bytes instead of bridging through Foundation.
    private static func trimmingWhitespace(_ name: String) -> String {
        func isSpace(_ byte: UInt8?) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || (byte ?? 0) >= 0x80 }
        guard isSpace(name.utf8.first) || isSpace(name.utf8.last) else { return name }
        return name.trimmingCharacters(in: .whitespaces)
    }
}
