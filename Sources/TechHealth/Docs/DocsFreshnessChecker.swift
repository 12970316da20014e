import Foundation

/// Measures how current a component's TechDocs are against its code, from the component's git
/// history and the docs' own content.
///
/// "Docs" are the `docs_dir` of the `mkdocs.yml` that `backstage.io/techdocs-ref: dir:…` names,
/// and that `mkdocs.yml`. "Code" is everything else in the component folder except its
/// `catalog-info.yaml`, the policy's ignored files (lock files) and the request's excluded folders.
/// Stale means the code moved on and the docs did not; see `docs/docs-freshness.md`.
public struct DocsFreshnessChecker: Sendable {
    /// The staleness limits.
    public var policy: DocsFreshnessPolicy
    /// How much of the docs one check reads.
    public var limits: DocsScanLimits
    /// How long one `git log` may take.
    public var gitTimeout: Duration
    /// The git executable and any leading arguments.
    public var gitCommand: [String]

    /// Creates a checker.
    public init(policy: DocsFreshnessPolicy = .standard, limits: DocsScanLimits = DocsScanLimits(), gitTimeout: Duration = .seconds(20), gitCommand: [String] = ["git"]) {
        self.policy = policy
        self.limits = limits
        self.gitTimeout = gitTimeout
        self.gitCommand = gitCommand
    }

    /// Checks one component's docs; `now` is when the check counts as made. Never throws: what
    /// could not be measured is a status of `unknown` with its reason.
    public func check(_ request: DocsFreshnessRequest, now: Date) async -> DocsFreshness {
        let reference = request.annotations[DocsFreshness.techDocsRefAnnotation]
        var result = DocsFreshness(status: .unknown, techDocsRef: reference, checkedAt: now)
        guard let reference, !reference.trimmingCharacters(in: .whitespaces).isEmpty else {
            result.status = .noDocs
            result.reasons = ["no \(DocsFreshness.techDocsRefAnnotation) annotation"]
            return result
        }
        let directory: String
        switch TechDocsRef(reference) {
        case .directory(let path):
            directory = path
        case .url:
            result.reasons = ["the docs are kept at a URL (`\(reference)`); only `dir:` docs beside the code can be measured"]
            return result
        case .unrecognised:
            result.reasons = ["`\(reference)` is neither `dir:` nor `url:`"]
            return result
        }

        let layout: DocsLayout
        switch DocsLayout.resolve(workTreeRoot: request.workTreeRoot.path, componentFolder: request.componentFolder.path, directory: directory) {
        case .failure(let refusal):
            result.status = refusal.status
            result.reasons = [refusal.reason]
            result.docsDir = refusal.docsDir
            result.problems = refusal.problem.map { [$0] } ?? []
            return result
        case .success(let settled):
            layout = settled
        }
        result.docsDir = layout.componentRelative(layout.docsPath)

        let content = DocsContentCheck.run(layout, limits: limits)
        result.brokenLinks = content.brokenLinks
        result.missingPaths = content.missingPaths
        result.problems = layout.problems + content.problems

        let evergreen = request.annotations[DocsFreshness.evergreenAnnotation]?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
        await measureHistory(of: layout, request: request, into: &result)
        if evergreen {
            // The dates are still shown; only the verdict is waived.
            result.status = .evergreen
            result.reasons = ["the owners marked the docs evergreen (\(DocsFreshness.evergreenAnnotation))"]
        }
        return result
    }

    /// Fills in the dates, the count, the span and the verdict from git.
    private func measureHistory(of layout: DocsLayout, request: DocsFreshnessRequest, into result: inout DocsFreshness) async {
        let history = GitHistory(workTree: URL(fileURLWithPath: layout.realRoot), timeout: gitTimeout, command: gitCommand)
        guard history.hasRepository else {
            result.status = .unknown
            result.reasons = ["no git history: the component is not in a git repository"]
            return
        }
        guard !history.isShallow else {
            result.status = .unknown
            result.reasons = ["the repository is a shallow clone, so when the docs last changed may have been cut away"]
            return
        }
        let paths = pathspecs(for: layout, request: request)
        do throws(GitHistoryError) {
            let docs = try await history.lastCommit(touching: paths.docs)
            let code = try await history.lastCommit(touching: paths.code)
            let count = try await history.commitCount(after: docs?.sha, touching: paths.code)
            result.docsLastChanged = docs
            result.codeLastChanged = code
            result.codeCommitsSinceDocs = count
            result.codeDaysAheadOfDocs = StalenessRule.codeDaysAhead(docs: docs, code: code, codeCommitsSinceDocs: count)
        } catch {
            result.status = .unknown
            result.reasons = [error.description]
            return
        }
        guard result.docsLastChanged != nil else {
            result.status = .unknown
            result.reasons = ["the docs have never been committed"]
            return
        }
        let reasons = StalenessRule.staleReasons(codeCommitsSinceDocs: result.codeCommitsSinceDocs ?? 0, codeDaysAheadOfDocs: result.codeDaysAheadOfDocs ?? 0, policy: policy)
        result.status = reasons.isEmpty ? .fresh : .stale
        result.reasons = reasons
    }

    /// The pathspecs of the docs and of the code.
    func pathspecs(for layout: DocsLayout, request: DocsFreshnessRequest) -> (docs: [String], code: [String]) {
        let docsFolder = layout.rootRelative(layout.docsPath)
        let configFiles = ["mkdocs.yml", "mkdocs.yaml"].map { layout.rootRelative(layout.mkdocsFolder + "/" + $0) }
        let docs = [GitPathspec.including(docsFolder)] + configFiles.map { GitPathspec.including($0) }

        var code = [GitPathspec.including(layout.componentRelative)]
        code.append(GitPathspec.excluding(docsFolder))
        code += configFiles.map { GitPathspec.excluding($0) }
        code += DocsLayout.descriptorNames.map { GitPathspec.excluding(layout.rootRelative(layout.realComponent + "/" + $0)) }
        for folder in request.excludedCodeFolders {
            // Only folders inside the component are honoured; anything else is ignored by name.
            guard !folder.hasPrefix("/") else { continue }
            let path = DocsFileAccess.normalized(layout.realRoot + "/" + folder)
            guard DocsFileAccess.isInside(path, layout.realComponent), path != layout.realComponent else { continue }
            code.append(GitPathspec.excluding(layout.rootRelative(path)))
        }
        code += policy.ignoredCodeFiles.filter { !$0.isEmpty && !$0.contains("/") }.map {
            GitPathspec.excluding(fileNamed: $0, under: layout.componentRelative)
        }
        return (docs, code)
    }
}
