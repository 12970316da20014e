import Catalog
import Foundation
import TechHealth

/// `/health NAME`, `/health team TEAM`, `/health outdated [ECOSYSTEM]`, `/health eol` and
/// `/health heatmap PACKAGE|RUNTIME [--by team|service]`: what the last harvest found, measured
/// now against the release, end-of-life and policy data.
public struct HealthCommand: CommandHandler {
    let store: TechHealthStore?
    let measurer: HealthMeasurer?

    /// Creates the handler; without a store it explains how to turn tech health on.
    public init(store: TechHealthStore?, measurer: HealthMeasurer?) {
        self.store = store
        self.measurer = measurer
    }

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        guard let store, let measurer else { throw HealthUnavailable() }
        let words = (arguments.text("what") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else { throw UsageError("Which service, team or view?", usage: spec.usage) }
        let rest = Array(words.dropFirst())
        let health = HealthAnswers(store: store, measurer: measurer, context: context, spec: spec)
        switch first.lowercased() {
        case "team" where !rest.isEmpty:
            return try await health.team(rest.joined(separator: " "))
        case "outdated":
            guard rest.count <= 1 else { throw UsageError("`/health outdated` takes at most one ecosystem.", usage: spec.usage) }
            let ecosystem = try rest.first.map { name in
                guard let ecosystem = Ecosystem(rawValue: name.lowercased()) else {
                    throw UsageError("Unknown ecosystem \(name): one of \(Ecosystem.allCases.map(\.rawValue).joined(separator: ", ")).", usage: spec.usage)
                }
                return ecosystem
            }
            return try await health.outdated(ecosystem: ecosystem)
        case "eol" where rest.isEmpty:
            return try await health.endOfLife()
        case "heatmap":
            guard rest.count == 1 else { throw UsageError("Which package or runtime? e.g. /health heatmap react", usage: spec.usage) }
            return try await health.heatmap(rest[0], byTeam: arguments.text("by") == "team")
        default:
            guard rest.isEmpty else { throw UsageError("One component at a time, e.g. /health playlist-api", usage: spec.usage) }
            return try await health.component(first)
        }
    }
}

/// Tech health needs its store and data files, which `serve` and `ask` set up.
struct HealthUnavailable: UserFacingError {
    var userMessage: String { "Tech health is not set up here: it needs the health files (config/health/) and a harvest (`backline health harvest`)." }
}
