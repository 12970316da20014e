import Foundation

/// One component whose docs are to be checked.
public struct DocsFreshnessRequest: Sendable, Hashable {
    /// The git work tree root the component's sources are in (the folder holding `.git`). For a
    /// folder that is not in a git repository, the root of the catalog source: links and paths are
    /// still checked, nothing outside it is ever looked at, and freshness is `unknown`.
    public var workTreeRoot: URL
    /// The folder the component's `catalog-info.yaml` was found in, inside ``workTreeRoot``.
    public var componentFolder: URL
    /// The entity's annotations: `backstage.io/techdocs-ref` says where the docs are,
    /// `backline.io/docs-evergreen: "true"` opts the component out of staleness.
    public var annotations: [String: String]
    /// Folders under the component folder, relative to the work tree root, that are not its code:
    /// typically the folders of other components nested in it (a repository-root component of a
    /// monorepo), whose commits are theirs.
    public var excludedCodeFolders: [String]

    /// Creates a request.
    public init(workTreeRoot: URL, componentFolder: URL, annotations: [String: String], excludedCodeFolders: [String] = []) {
        self.workTreeRoot = workTreeRoot
        self.componentFolder = componentFolder
        self.annotations = annotations
        self.excludedCodeFolders = excludedCodeFolders
    }
}
