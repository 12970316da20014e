/// Words too common in incident talk to name a service on their own. A service whose name or
/// alias is one of these is still found by its other, longer names (`search-gateway`).
enum CommonWords {
    static let all: Set<String> = [
        "the", "and", "for", "not", "but", "all", "any", "are", "was", "has", "have", "had", "its", "our", "out", "now", "new",
        "old", "get", "got", "set", "put", "can", "cannot", "will", "with", "from", "into", "this", "that", "there", "here",
        "what", "when", "where", "who", "why", "how", "down", "up", "slow", "fast", "high", "low", "error", "errors", "fail",
        "failed", "failing", "failure", "issue", "issues", "incident", "incidents", "outage", "alert", "alerts", "page", "paged",
        "latency", "timeout", "timeouts", "spike", "spikes", "broken", "bug", "fix", "fixed", "deploy", "deployed", "rollback",
        "release", "prod", "production", "staging", "test", "tests", "api", "apis", "app", "apps", "web", "service", "services",
        "server", "servers", "client", "clients", "data", "database", "db", "cache", "queue", "job", "jobs", "worker", "workers",
        "user", "users", "login", "auth", "search", "home", "play", "playback", "playlist", "playlists", "music", "audio",
        "track", "tracks", "artist", "artists", "upload", "uploads", "payment", "payments", "billing", "checkout", "events",
        "event", "metadata", "profile", "profiles", "gateway", "edge", "mobile", "ios", "android", "radio", "insights",
        "recommendations", "feature", "features", "store", "storage", "legacy", "sync", "session", "token", "tokens", "stream",
        "streams", "warehouse", "loader", "template", "shell", "kit", "lib", "library", "pipeline", "portal", "browse",
        "backline", "inc", "sev", "sev1", "sev2", "sev3", "5xx", "4xx", "500", "502", "503", "504",
    ]
}
