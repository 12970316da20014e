import Foundation

/// Where a component's TechDocs are, read from `backstage.io/techdocs-ref`.
enum TechDocsRef: Equatable {
    /// `dir:PATH`: the folder holding `mkdocs.yml`, relative to the folder of the catalog file.
    case directory(String)
    /// `url:…`: docs kept in another repository; nothing here can be measured locally.
    case url(String)
    /// Anything else, as written.
    case unrecognised(String)

    /// Reads an annotation value; the prefix is matched as Backstage does (`dir:` / `url:`).
    init(_ value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("dir:") {
            let path = trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces)
            self = .directory(path.isEmpty ? "." : path)
        } else if trimmed.hasPrefix("url:") {
            self = .url(String(trimmed.dropFirst(4)))
        } else {
            self = .unrecognised(trimmed)
        }
    }
}
