import BacklineServer
import Foundation
import Testing

/// `outbox:` and `digests:` in the configuration file.
@Suite("Outbox and digest configuration")
struct OutboxConfigurationTests {
    private func load(_ yaml: String) throws -> BacklineConfiguration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-outbox-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("backline.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try BacklineConfiguration.load(file: file.path, environment: [:])
    }

    @Test("the documented defaults hold when the sections are left out, and the shipped example states them")
    func defaults() throws {
        let empty = try BacklineConfiguration.load(file: nil, environment: [:])
        #expect(empty.outbox == OutboxSettings())
        #expect(empty.digests == DigestSettings())
        #expect(empty.outbox.workspaceRatePerMinute == 120 && empty.outbox.channelSpacingSeconds == 1 && empty.outbox.pollSeconds <= 5)
        #expect(empty.digests.enabled && empty.digests.schedule == "0 9 * * 1")
        let shipped = try BacklineConfiguration.load(file: TestServer.repositoryRoot.appendingPathComponent("config/backline.yaml").path, environment: [:])
        #expect(shipped.outbox == OutboxSettings())
        #expect(shipped.digests == DigestSettings())
    }

    @Test("the file moves the digest schedule, turns digests off and sets the worker's pace")
    func file() throws {
        let configuration = try load("""
            outbox: {workspaceRatePerMinute: 300, pollSeconds: 0.5, joinPublicChannels: false, instanceName: backline-1}
            digests: {enabled: false, schedule: "30 8 * * fri", timeZone: Europe/Stockholm}
            """)
        #expect(configuration.outbox.workspaceRatePerMinute == 300)
        #expect(configuration.outbox.pollSeconds == 0.5)
        #expect(!configuration.outbox.joinPublicChannels)
        #expect(configuration.outbox.instanceName == "backline-1")
        #expect(!configuration.digests.enabled)
        #expect(configuration.digests.schedule == "30 8 * * fri")
        #expect(configuration.digests.timeZone == "Europe/Stockholm")
    }

    @Test("values that would stall or flood delivery, bad schedules and unknown zones are refused at start-up", arguments: [
        ("outbox: {pollSeconds: 30}", "pollSeconds"),
        ("outbox: {workspaceRatePerMinute: 0}", "workspaceRatePerMinute"),
        ("outbox: {instanceName: 'a#b'}", "instanceName"),
        ("digests: {schedule: '0 25 * * 1'}", "hour field"),
        ("digests: {timeZone: Mars/Olympus}", "not a time zone"),
    ])
    func refused(yaml: String, message: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try load(yaml) }
        #expect(error?.description.contains(message) == true, "\(error.map { "\($0)" } ?? "no error")")
    }
}
