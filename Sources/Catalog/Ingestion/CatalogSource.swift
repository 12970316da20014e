import Foundation

/// Where an ingest reads catalog files from.
public enum CatalogSource: Sendable, Hashable, CustomStringConvertible {
    /// A directory tree (every `catalog-info.yaml` in it, plus what Location entities point at) or
    /// a single descriptor file.
    case path(String)
    /// A git repository, cloned through the `git` command: a clone URL or a local repository
    /// path, optionally with a branch or tag after `#`.
    case git(repository: String, reference: String?)

    /// Reads a command-line argument: `git:` forces a repository; URLs (`https://`, `ssh://`,
    /// `git@host:`) and paths ending in `.git` are repositories; anything else is a path.
    public init(argument: String) {
        var text = argument
        var forcedGit = false
        if text.hasPrefix("git:") && !text.hasPrefix("git://") {
            text.removeFirst(4)
            forcedGit = true
        }
        let looksLikeRepository = text.contains("://") || text.hasPrefix("git@") || text.hasSuffix(".git") || text.contains(".git#")
        guard forcedGit || looksLikeRepository else {
            self = .path(argument)
            return
        }
        if let hash = text.lastIndex(of: "#") {
            self = .git(repository: String(text[..<hash]), reference: String(text[text.index(after: hash)...]))
        } else {
            self = .git(repository: text, reference: nil)
        }
    }

    /// The identity files from this source are stored under; stable across runs and clones.
    public var rootIdentity: String {
        switch self {
        case .path(let path): URL(fileURLWithPath: path).standardizedFileURL.path
        case .git(let repository, let reference): "git:\(repository)" + (reference.map { "#\($0)" } ?? "")
        }
    }

    public var description: String {
        switch self {
        case .path(let path): path
        case .git(let repository, let reference): repository + (reference.map { "#\($0)" } ?? "")
        }
    }
}
