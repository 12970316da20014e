/// How one runtime pin of a component stands: its cycle and end-of-life status, the OS of a
/// base image, and the policy.
///
/// As JSON this is one entry of the `runtimes` list: `name, version, file, eol, eolDate`, plus
/// the supporting fields.
public struct RuntimeMeasure: Sendable, Hashable, Codable {
    /// The runtime as endoflife.date names it (`nodejs`), or the pin's own name when the data
    /// does not cover it.
    public var name: String
    /// The version as pinned (`20`, `lts/iron`, `node:20-alpine`).
    public var version: String
    /// The file that pins it.
    public var file: String
    /// The line, when known.
    public var line: Int?
    /// The cycle it belongs to (`20`, `3.12`).
    public var cycle: String?
    /// End-of-life status on the day measured.
    public var eol: EOLStatus
    /// The end-of-life day, when known.
    public var eolDate: CalendarDay?
    /// Days left until `eolDate` (negative once past).
    public var daysLeft: Int?
    /// The newest release of the cycle, when known.
    public var latestInCycle: String?
    /// For a base image: the OS underneath (`debian 12`) and its own status.
    public var operatingSystem: EOLAssessment?
    /// The policy verdict.
    public var policy: PolicyVerdict
    /// Why a field is missing or surprising.
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case name, version, file, line, cycle, eol, eolDate, daysLeft, latestInCycle, operatingSystem, policy, notes
    }

    /// Encodes every documented key, writing `null` for what is unknown.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(cycle, forKey: .cycle)
        try container.encode(eol, forKey: .eol)
        try container.encode(eolDate, forKey: .eolDate)
        try container.encode(daysLeft, forKey: .daysLeft)
        try container.encode(latestInCycle, forKey: .latestInCycle)
        try container.encode(operatingSystem, forKey: .operatingSystem)
        try container.encode(policy, forKey: .policy)
        try container.encode(notes, forKey: .notes)
    }

    /// The worse of the runtime's and the OS's status.
    public var worstEOL: EOLStatus {
        guard let os = operatingSystem?.status else { return eol }
        return eol.severity >= os.severity ? eol : os
    }
}
