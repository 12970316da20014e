import Foundation

/// Turns package names, which come from manifests anyone can write, into URL path segments that
/// cannot escape the package's place on the registry: every byte outside RFC 3986's unreserved
/// set is percent-encoded, so `/`, `?`, `#`, `%` and spaces never act as URL syntax, and `.` and
/// `..` segments, empty segments and control characters are refused outright.
enum RegistryPath {
    /// Names longer than this are refused (no registry allows them; the longest npm name is 214).
    static let maxNameLength = 512

    /// Percent-encodes one path segment; nil for a segment that is empty, `.`, `..`, too long or
    /// holds control characters or whitespace.
    static func segment(_ text: some StringProtocol) -> String? {
        guard isSafe(text) else { return nil }
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return String(text).addingPercentEncoding(withAllowedCharacters: allowed)
    }

    /// Whether a segment may be asked for at all.
    static func isSafe(_ text: some StringProtocol) -> Bool {
        guard !text.isEmpty, text.count <= maxNameLength, text != ".", text != ".." else { return false }
        return !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0.value == 0x7F }
    }

    /// Several segments joined by `/`; nil when any is unsafe.
    static func segments(_ parts: [some StringProtocol]) -> String? {
        guard !parts.isEmpty else { return nil }
        var encoded: [String] = []
        for part in parts {
            guard let segment = segment(part) else { return nil }
            encoded.append(segment)
        }
        return encoded.joined(separator: "/")
    }

    /// Whether every character is an ASCII letter, digit or one of `extra`.
    static func isPlain(_ text: some StringProtocol, allowing extra: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || extra.unicodeScalars.contains(scalar))
        }
    }

    /// A base URL without its trailing slashes, so paths join with exactly one.
    static func trimmed(_ baseURL: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
