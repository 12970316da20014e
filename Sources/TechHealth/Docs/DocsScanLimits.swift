/// How much of an untrusted docs folder one check reads. Past a limit the rest is skipped and the
/// skip is a ``DocsProblem``, so a pathological repository costs a bounded amount of work.
public struct DocsScanLimits: Sendable, Hashable, Codable {
    /// Markdown files read per component.
    public var maxMarkdownFiles: Int
    /// A Markdown file larger than this is skipped.
    public var maxFileBytes: Int
    /// Bytes of Markdown read per component, all files together.
    public var maxTotalBytes: Int
    /// Folders walked per component (a tree of empty folders is work too).
    public var maxFolders: Int
    /// Broken links and missing paths reported per component, each.
    public var maxFindings: Int

    /// Creates limits; the defaults are 2,000 files, 2 MiB a file, 64 MiB in all, 10,000 folders
    /// and 500 findings of each kind.
    public init(maxMarkdownFiles: Int = 2_000, maxFileBytes: Int = 2 * 1024 * 1024, maxTotalBytes: Int = 64 * 1024 * 1024, maxFolders: Int = 10_000, maxFindings: Int = 500) {
        self.maxMarkdownFiles = maxMarkdownFiles
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxFolders = maxFolders
        self.maxFindings = maxFindings
    }

    /// `bytes` for a message: in MiB when a whole number of them, else in KiB.
    static func describe(bytes: Int) -> String {
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MiB" : "\(max(1, bytes / 1024)) KiB"
    }
}
