import Foundation

extension BacklineConfiguration {
    /// The organisation's time zone (`digests.timeZone`), for the digests and quiet hours of teams
    /// without a rotation. The loader checked the name; UTC stands in for one set in code.
    public var digestTimeZone: TimeZone { TimeZone(identifier: digests.timeZone) ?? TimeZone(identifier: "UTC") ?? .gmt }
}
