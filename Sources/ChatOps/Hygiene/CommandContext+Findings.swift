import Catalog
import Logging

extension CommandContext {
    /// Records broken data an answer met, for the owners' digest. Never fails the answer: a
    /// finding that cannot be stored is logged and dropped.
    public func record(_ findings: [CatalogFinding]) async {
        guard !findings.isEmpty else { return }
        do {
            try await catalog.record(findings, at: now())
        } catch {
            logger.warning("could not record catalog findings", metadata: ["error": "\(error)", "count": "\(findings.count)"])
        }
    }
}

extension ReplyBlock {
    /// The one line an answer gives about broken data it met.
    static func finding(_ finding: CatalogFinding) -> ReplyBlock {
        .context(.text("⚠️ \(finding.message)"))
    }
}

/// The JSON form of a finding in answers: `{"kind", "entity", "subject", "message"}`.
public struct FindingAnswer: Sendable, Hashable, Codable {
    /// ``CatalogFinding/Kind`` raw value (`missingOwner`, ...).
    public var kind: String
    /// The entity whose data is broken.
    public var entity: String
    /// What is missing, when there is one thing.
    public var subject: String?
    /// One line for people.
    public var message: String

    init(_ finding: CatalogFinding) {
        kind = finding.kind.rawValue
        entity = finding.entity.description
        subject = finding.subject?.description
        message = finding.message
    }
}
