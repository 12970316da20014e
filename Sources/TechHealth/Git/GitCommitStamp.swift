import Foundation

/// One commit, as far as freshness needs it: which one, and when it landed.
public struct GitCommitStamp: Sendable, Hashable, Codable {
    /// The full commit hash.
    public var sha: String
    /// The committer date: when the change landed on the branch, which after a rebase or a merge
    /// queue is what "the code moved on" means (the author date can be weeks older).
    public var date: Date

    /// Creates a stamp.
    public init(sha: String, date: Date) {
        self.sha = sha
        self.date = date
    }
}
