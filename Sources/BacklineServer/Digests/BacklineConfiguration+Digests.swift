import Foundation

extension BacklineConfiguration {
    /// The organisation's time zone for digests and quiet hours of teams without a rotation.
    public var digestTimeZone: TimeZone { TimeZone(identifier: "UTC") ?? .current }
}
