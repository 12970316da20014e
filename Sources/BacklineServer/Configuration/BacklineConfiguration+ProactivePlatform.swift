extension BacklineConfiguration {
    /// Where digests and alerts are posted: Slack when a bot token is set; Mattermost when only
    /// Mattermost can post (a server with a bot token, or an incoming webhook); else Slack, where
    /// messages wait in the outbox until a token is configured.
    public var proactivePlatform: OutboxPlatform {
        if slack.botToken != nil { return .slack }
        let mattermostCanPost = (mattermost.serverURL != nil && mattermost.botToken != nil) || mattermost.incomingWebhookURL != nil
        return mattermostCanPost ? .mattermost : .slack
    }
}
