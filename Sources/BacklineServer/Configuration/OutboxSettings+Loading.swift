import Foundation

/// `outbox:` as written in the configuration file; every key optional.
struct OutboxFile: Decodable {
    var workspaceRatePerMinute: Int?
    var channelSpacingSeconds: Double?
    var pollSeconds: Double?
    var leaseSeconds: Double?
    var maxConcurrentSends: Int?
    var maxAttempts: Int?
    var retryBaseSeconds: Double?
    var retryMaxSeconds: Double?
    var joinPublicChannels: Bool?
    var instanceName: String?
    var keepSentDays: Double?

    /// The defaults with what the file sets; refuses values that would stall or flood delivery.
    func settings(file: String) throws -> OutboxSettings {
        var settings = OutboxSettings()
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw ConfigurationError(description: "\(file): outbox.\(message)") }
        }
        if let value = workspaceRatePerMinute {
            try check((1...6000).contains(value), "workspaceRatePerMinute must be between 1 and 6000")
            settings.workspaceRatePerMinute = value
        }
        if let value = channelSpacingSeconds {
            try check(value >= 0 && value <= 60, "channelSpacingSeconds must be between 0 and 60 (Slack allows about 1 post per second per channel)")
            settings.channelSpacingSeconds = value
        }
        if let value = pollSeconds {
            try check(value >= 0.1 && value <= 5, "pollSeconds must be between 0.1 and 5 (messages queued by `backline digest send` go out within it)")
            settings.pollSeconds = value
        }
        if let value = leaseSeconds {
            try check(value >= 1, "leaseSeconds must be at least 1")
            settings.leaseSeconds = value
        }
        if let value = maxConcurrentSends {
            try check((1...64).contains(value), "maxConcurrentSends must be between 1 and 64")
            settings.maxConcurrentSends = value
        }
        if let value = maxAttempts {
            try check(value >= 1, "maxAttempts must be at least 1")
            settings.maxAttempts = value
        }
        if let value = retryBaseSeconds {
            try check(value > 0, "retryBaseSeconds must be positive")
            settings.retryBaseSeconds = value
        }
        if let value = retryMaxSeconds {
            try check(value >= settings.retryBaseSeconds, "retryMaxSeconds must be at least retryBaseSeconds")
            settings.retryMaxSeconds = value
        }
        if let value = joinPublicChannels { settings.joinPublicChannels = value }
        if let value = instanceName {
            try check(!value.isEmpty && !value.contains("#"), "instanceName must be non-empty and must not contain '#'")
            settings.instanceName = value
        }
        if let value = keepSentDays {
            try check(value >= 1, "keepSentDays must be at least 1 (dedupe keys are kept as long)")
            settings.keepSentDays = value
        }
        return settings
    }
}

/// `digests:` as written in the configuration file; every key optional.
struct DigestsFile: Decodable {
    var enabled: Bool?
    var schedule: String?
    var timeZone: String?

    /// The defaults with what the file sets; the schedule and zone are checked here, at start-up.
    func settings(file: String) throws -> DigestSettings {
        var settings = DigestSettings()
        if let enabled { settings.enabled = enabled }
        if let schedule {
            do {
                _ = try CronSchedule(parsing: schedule)
            } catch {
                throw ConfigurationError(description: "\(file): digests.schedule: \(error)")
            }
            settings.schedule = schedule
        }
        if let timeZone {
            guard TimeZone(identifier: timeZone) != nil else {
                throw ConfigurationError(description: "\(file): digests.timeZone '\(timeZone)' is not a time zone name (e.g. Europe/Stockholm)")
            }
            settings.timeZone = timeZone
        }
        return settings
    }
}
