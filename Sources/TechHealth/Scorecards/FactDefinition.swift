/// A fact Backline computes for every component: its name, the kind of value and what it means.
///
/// The list in ``ComponentFacts/definitions`` is the vocabulary of scorecard files: a check that
/// names anything else is refused when the file is loaded. `docs/scorecards.md` documents each one
/// (a test keeps the two in step).
public struct FactDefinition: Sendable, Hashable {
    /// The name checks use (`owner.exists`).
    public let name: String
    /// The kind of value.
    public let type: FactType
    /// What it means, including when it is unknown.
    public let summary: String

    /// Creates a definition.
    public init(_ name: String, _ type: FactType, _ summary: String) {
        self.name = name
        self.type = type
        self.summary = summary
    }
}

extension ComponentFacts {
    /// Every fact, in the order the docs list them.
    public static let definitions: [FactDefinition] = [
        // From the descriptor: always known.
        FactDefinition("kind", .string, "The entity's kind, lower-cased (`component`)."),
        FactDefinition("type", .string, "`spec.type` as written (`service`, `website`, `library`); unknown when unset."),
        FactDefinition("owner.set", .bool, "`spec.owner` names someone."),
        FactDefinition("owner.exists", .bool, "`spec.owner` names a Group or User that is in the catalog."),
        FactDefinition("owner.isGroup", .bool, "`spec.owner` is a group reference (no `user:` prefix), as Tech Insights' `hasGroupOwner`."),
        FactDefinition("description.set", .bool, "`metadata.description` is present and not blank."),
        FactDefinition("lifecycle.set", .bool, "`spec.lifecycle` is present and not blank."),
        FactDefinition("lifecycle", .string, "`spec.lifecycle`, lower-cased (`production`, `experimental`, `deprecated`); unknown when unset."),
        FactDefinition("tier.set", .bool, "The `backline.io/tier` annotation is present and not blank."),
        FactDefinition("tier", .string, "The `backline.io/tier` annotation (`1` is most critical); unknown when unset."),
        FactDefinition("system.set", .bool, "`spec.system` names a System."),
        FactDefinition("tags", .strings, "`metadata.tags`."),
        FactDefinition("tags.count", .number, "How many tags."),
        FactDefinition("annotations", .strings, "The keys of `metadata.annotations` (`pagerduty.com/service-id`, …), to require any annotation by name."),
        FactDefinition("links.count", .number, "How many entries `metadata.links` has."),
        FactDefinition("links.types", .strings, "The `type` of each link that has one, lower-cased (`runbook`, `dashboard`)."),
        FactDefinition("docs.exists", .bool, "The `backstage.io/techdocs-ref` annotation is present and not blank."),
        // From the harvest: unknown until the component has been harvested.
        FactDefinition("source.readable", .bool, "The component's sources could be read at the last harvest; unknown before the first."),
        FactDefinition("manifests.problems", .number, "Manifest and lock files that did not parse; unknown when the sources could not be read."),
        FactDefinition("ci.exists", .bool, "A CI configuration is among the component's files (see `ci.systems`); unknown without a file listing."),
        FactDefinition("ci.systems", .strings, "The CI systems configured (`github-actions`, `gitlab-ci`, `jenkins`, `circleci`, `azure-pipelines`, `bitbucket-pipelines`, `buildkite`, `travis-ci`); unknown without a file listing."),
        FactDefinition("docs.status", .string, "The docs freshness verdict: `fresh`, `stale`, `evergreen`, `unknown` or `no-docs` (`no-docs` also when there is no `techdocs-ref`); unknown when docs are declared but were not checked."),
        FactDefinition("docs.fresh", .bool, "`docs.status` is `fresh` or `evergreen`; false for `stale` and `no-docs`; unknown when freshness cannot be told."),
        FactDefinition("docs.brokenLinks", .number, "Relative links in the docs that point at nothing; unknown when the docs were not checked."),
        FactDefinition("docs.missingPaths", .number, "Repository paths the docs mention that do not exist; unknown when the docs were not checked."),
        FactDefinition("docs.codeCommitsSinceDocs", .number, "Code commits since the docs last changed; unknown without git history."),
        FactDefinition("docs.codeDaysAheadOfDocs", .number, "Days of code changes since the docs last changed; unknown without git history."),
        // From the measures: unknown until the component has been measured.
        FactDefinition("dependencies.count", .number, "Distinct package versions in use (a version declared in several files counts once)."),
        FactDefinition("dependencies.direct", .number, "Distinct package versions the component names itself."),
        FactDefinition("dependencies.outdated", .number, "Distinct package versions with a newer stable release."),
        FactDefinition("dependencies.majorsBehind", .number, "Distinct package versions at least one major line behind."),
        FactDefinition("dependencies.maxMajorsBehind", .number, "The most major lines any one dependency is behind (0 when all are on the latest major)."),
        FactDefinition("dependencies.outOfPolicy", .number, "Distinct package versions out of policy (banned, or below the minimum)."),
        FactDefinition("dependencies.belowRecommended", .number, "Distinct package versions at or above the minimum but below the recommended version."),
        FactDefinition("libyears.total", .number, "Sum of libyears over the package versions whose release dates are known."),
        FactDefinition("libyears.max", .number, "The largest libyears of any one package version."),
        FactDefinition("libyears.unknown", .number, "Package versions whose libyears could not be computed (a release date is missing)."),
        FactDefinition("runtimes.count", .number, "Runtime and base-image pins."),
        FactDefinition("runtimes.names", .strings, "The runtimes pinned, as endoflife.date names them (`nodejs`, `python`)."),
        FactDefinition("runtimes.endOfLife", .number, "Runtimes, base images and their OS past end of life."),
        FactDefinition("runtimes.endingSoon", .number, "Runtimes, base images and their OS whose end of life is within the warning window."),
        FactDefinition("runtimes.outOfPolicy", .number, "Runtime pins out of policy (banned, or below the minimum)."),
        FactDefinition("policy.violations", .number, "Dependencies and runtimes out of policy together."),
    ]

    /// The definitions by name.
    public static let definitionsByName: [String: FactDefinition] = Dictionary(
        definitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}
