import HTTPTypes

extension HTTPField.Name {
    /// `X-Hub-Signature-256`: `sha256=` and the HMAC-SHA256 of GitHub's webhook body.
    static let hubSignature256 = Self("X-Hub-Signature-256")!
    /// `X-GitHub-Event`: `push`, `ping`, …
    static let githubEvent = Self("X-GitHub-Event")!
    /// `X-Gitlab-Token`: the secret token configured on the GitLab webhook, sent as is.
    static let gitlabToken = Self("X-Gitlab-Token")!
    /// `X-Gitlab-Event`: `Push Hook`, `Tag Push Hook`, `System Hook`, …
    static let gitlabEvent = Self("X-Gitlab-Event")!
}
