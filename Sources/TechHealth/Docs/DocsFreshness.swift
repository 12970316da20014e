import Foundation

/// How current one component's TechDocs are: when they and the code last changed, how far the
/// code moved on since, and what in them points at nothing.
///
/// This is the `docs` object of a component in `--format json` answers; see
/// `docs/docs-freshness.md` for the rule.
public struct DocsFreshness: Sendable, Hashable, Codable {
    /// The verdict.
    public var status: DocsFreshnessStatus
    /// Why the verdict (for `stale`, each limit crossed; for `unknown` and `no-docs`, what was
    /// missing), as sentences for the owner. Empty when `fresh`.
    public var reasons: [String]
    /// The `backstage.io/techdocs-ref` value, as written.
    public var techDocsRef: String?
    /// The docs folder, relative to the component folder, when one was found (`docs`).
    public var docsDir: String?
    /// The newest commit touching the docs folder or `mkdocs.yml`.
    public var docsLastChanged: GitCommitStamp?
    /// The newest commit touching the component's code (its folder less the docs, `mkdocs.yml`,
    /// its descriptor and the ignored files).
    public var codeLastChanged: GitCommitStamp?
    /// Code commits that landed after ``docsLastChanged`` (all code commits when the docs were
    /// never committed); nil without git history.
    public var codeCommitsSinceDocs: Int?
    /// Whole days from ``docsLastChanged`` to ``codeLastChanged`` when the code changed after the
    /// docs, else 0; nil without git history.
    public var codeDaysAheadOfDocs: Int?
    /// Relative links in the docs that point at nothing.
    public var brokenLinks: [DocsBrokenLink]
    /// Repository paths the docs mention that do not exist.
    public var missingPaths: [DocsMissingPath]
    /// What is wrong with how the docs are set up.
    public var problems: [DocsProblem]
    /// When the check ran.
    public var checkedAt: Date

    /// Creates a result.
    public init(
        status: DocsFreshnessStatus, reasons: [String] = [], techDocsRef: String? = nil, docsDir: String? = nil,
        docsLastChanged: GitCommitStamp? = nil, codeLastChanged: GitCommitStamp? = nil,
        codeCommitsSinceDocs: Int? = nil, codeDaysAheadOfDocs: Int? = nil,
        brokenLinks: [DocsBrokenLink] = [], missingPaths: [DocsMissingPath] = [], problems: [DocsProblem] = [],
        checkedAt: Date
    ) {
        self.status = status
        self.reasons = reasons
        self.techDocsRef = techDocsRef
        self.docsDir = docsDir
        self.docsLastChanged = docsLastChanged
        self.codeLastChanged = codeLastChanged
        self.codeCommitsSinceDocs = codeCommitsSinceDocs
        self.codeDaysAheadOfDocs = codeDaysAheadOfDocs
        self.brokenLinks = brokenLinks
        self.missingPaths = missingPaths
        self.problems = problems
        self.checkedAt = checkedAt
    }

    /// The annotation naming where a component's TechDocs are (`dir:.`, `url:…`).
    public static let techDocsRefAnnotation = "backstage.io/techdocs-ref"
    /// The annotation by which owners opt a component out of staleness (`"true"`).
    public static let evergreenAnnotation = "backline.io/docs-evergreen"
}
