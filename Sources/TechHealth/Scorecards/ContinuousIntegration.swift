/// Tells which CI systems a component is built by, from the paths of its files.
///
/// Pure: the caller lists the files (the harvest folder's listing, relative paths) and this only
/// looks at names, so it runs the same in tests and in the harvest. Only the root of the listing
/// counts, as each CI system reads its configuration from the repository root; a file of the same
/// name deeper down (a vendored project's workflows) does not build this component.
public enum ContinuousIntegration {
    /// The CI systems configured in `paths`, sorted, each named once (`github-actions`,
    /// `gitlab-ci`, `jenkins`, `circleci`, `azure-pipelines`, `bitbucket-pipelines`, `buildkite`,
    /// `travis-ci`).
    /// - Parameter paths: file paths relative to the folder, `/`-separated (`./` and a leading
    ///   `/` are tolerated); a folder may be listed with a trailing `/`.
    public static func systems(in paths: [String]) -> [String] {
        var found = Set<String>()
        for path in paths {
            if let system = system(for: normalised(path)) { found.insert(system) }
        }
        return found.sorted()
    }

    /// The CI system one root-relative path configures, if any.
    static func system(for path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return nil }
        switch parts.count {
        case 1:
            switch first {
            case ".gitlab-ci.yml", ".gitlab-ci.yaml": return "gitlab-ci"
            case "Jenkinsfile": return "jenkins"
            case "azure-pipelines.yml", "azure-pipelines.yaml": return "azure-pipelines"
            case "bitbucket-pipelines.yml", "bitbucket-pipelines.yaml": return "bitbucket-pipelines"
            case ".travis.yml", ".travis.yaml": return "travis-ci"
            case ".buildkite": return "buildkite"
            default: return nil
            }
        default:
            if first == ".buildkite" { return "buildkite" }
            if first == ".circleci", parts.count == 2, parts[1] == "config.yml" || parts[1] == "config.yaml" { return "circleci" }
            // GitHub reads workflows only directly inside .github/workflows, never from subfolders.
            if first == ".github", parts.count == 3, parts[1] == "workflows",
               parts[2].hasSuffix(".yml") || parts[2].hasSuffix(".yaml") {
                return "github-actions"
            }
            return nil
        }
    }

    private static func normalised(_ path: String) -> String {
        var text = Substring(path)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        while text.hasPrefix("/") { text = text.dropFirst() }
        return String(text)
    }
}
