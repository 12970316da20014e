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
        let trimmed = name.trimmingCharacters(in: .whitespaces)
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
}
