/// Pathspecs for `git log`, built so that a folder name from an untrusted repository is only ever
/// a name: every path is `literal` (no globbing, no `:(magic)` of its own) and `top` (relative to
/// the work tree root whatever the current directory).
enum GitPathspec {
    /// Everything at or under `path` (relative to the work tree root; empty for the whole tree).
    static func including(_ path: String) -> String {
        // `:(top,literal)` with an empty path matches nothing, and `.` is not normalised under
        // `literal`, so the whole tree is spelt `:(top)`.
        path.isEmpty ? ":(top)" : ":(top,literal)\(path)"
    }

    /// Nothing at or under `path` (relative to the work tree root).
    static func excluding(_ path: String) -> String {
        ":(top,exclude,literal)\(path)"
    }

    /// No file named `name` at any depth under `folder` (relative to the work tree root; empty for
    /// the whole tree). The folder part is escaped so that its own `*`, `?` or `[` match only
    /// themselves; `name` is ours (the lock-file names), a glob by design.
    static func excluding(fileNamed name: String, under folder: String) -> String {
        let prefix = folder.isEmpty ? "" : escapedForGlob(folder) + "/"
        return ":(top,exclude,glob)\(prefix)**/\(name)"
    }

    /// `text` with the characters git's wildmatch treats specially escaped by a backslash.
    static func escapedForGlob(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "*?[]\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
