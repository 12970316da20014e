#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

import Logging
import Slack

/// Quiet by default; set SLACK_TEST_LOG=debug to see the client's and the fake's logs.
func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["SLACK_TEST_LOG"] ?? "") ?? .critical
    return logger
}

/// What a Socket Mode handler was called with.
struct Handled: Sendable, Hashable {
    var inbound: SlackInbound
    var info: SocketModeEnvelopeInfo
}
