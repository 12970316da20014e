import Foundation
import Yams

/// What the docs check needs from `mkdocs.yml`: the `docs_dir` it names, if any.
///
/// The file is untrusted, so it is only composed into YAML nodes, never constructed into values:
/// Python tags such as `!!python/name:` (common in Material themes) and `!ENV` are then just
/// tagged nodes, and an alias bomb is never expanded, because only one top-level key is looked up.
struct MkDocsConfig: Equatable {
    /// `docs_dir` as written, when it is a plain string.
    var docsDir: String?
    /// The 1-based line of `docs_dir`, when present.
    var docsDirLine: Int?
    /// What is wrong with the file, when something is (`docs_dir` then falls back to `docs`).
    var problem: String?

    /// mkdocs' own default.
    static let defaultDocsDir = "docs"

    /// The largest `mkdocs.yml` read; real ones are a few kilobytes.
    static let maxSize = 256 * 1024

    /// Reads the text of an `mkdocs.yml`.
    static func parse(_ text: String) -> MkDocsConfig {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            return MkDocsConfig(problem: "mkdocs.yml is not valid YAML: \(String(describing: error).prefix(200))")
        }
        guard let node else { return MkDocsConfig() }
        guard let mapping = node.mapping else { return MkDocsConfig(problem: "mkdocs.yml is not a mapping") }
        for (key, value) in mapping where key.scalar?.string == "docs_dir" {
            let line = value.mark.map { $0.line }
            // `!ENV [NAME, default]` and other non-strings would need the build's environment.
            let tag = value.tag.description
            guard let scalar = value.scalar, !tag.hasPrefix("!") || tag == "!" else {
                return MkDocsConfig(docsDirLine: line, problem: "docs_dir is not a plain string; the default `docs` was checked")
            }
            let path = scalar.string.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { return MkDocsConfig(docsDirLine: line, problem: "docs_dir is empty; the default `docs` was checked") }
            return MkDocsConfig(docsDir: path, docsDirLine: line)
        }
        return MkDocsConfig()
    }
}
