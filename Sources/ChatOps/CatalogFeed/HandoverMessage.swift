import Catalog
import Foundation

/// The message that tells a team a catalog entity was handed over to it, or away from it.
public enum HandoverMessage {
    /// The reply posted to `audience`'s channel about `change` (an owner change).
    /// - Parameters:
    ///   - entity: the entity handed over, as the catalog shows it now.
    ///   - from: the team that owned it before, when the catalog still has it.
    ///   - to: the team that owns it now.
    public static func reply(
        for change: CatalogChange, entity: EntityHeadline?, from: EntityHeadline?, to: EntityHeadline?, audience: EntityRef
    ) -> Reply {
        let name = entity?.displayName ?? change.entity.name
        let fromName = from?.displayName ?? change.ownerBefore?.name ?? "no team"
        let toName = to?.displayName ?? change.ownerAfter?.name ?? "no team"
        let receiving = change.ownerAfter == audience
        var blocks: [ReplyBlock] = [
            .header("Handover: \(name)"),
            .paragraph(RichText([
                .bold(name), .text(" (\(change.entity.kind)) moved from "), .bold(fromName), .text(" to "), .bold(toName), .text("."),
            ])),
            .paragraph(receiving
                ? RichText([.text("It is yours now: "), .code("/owner \(change.entity.name)"), .text(" shows what you took over.")])
                : RichText([.text("It is no longer yours; questions about it now go to "), .bold(toName), .text(".")])),
        ]
        var context: [RichText.Span] = [.text("From the catalog source \(change.source)")]
        if let commit = change.commit { context += [.text(" at commit "), .code(String(commit.prefix(12)))] }
        context.append(.text(" · " + OnCallFormat.instant(change.recordedAt, zone: "UTC")))
        blocks.append(.context(RichText(context)))
        let data: JSONValue = .object([
            "command": .string("handover"),
            "entity": .string(change.entity.description),
            "from": change.ownerBefore.map { .string($0.description) } ?? .null,
            "to": change.ownerAfter.map { .string($0.description) } ?? .null,
            "commit": change.commit.map(JSONValue.string) ?? .null,
            "audience": .string(audience.description),
        ])
        return Reply(
            visibility: .inChannel, summary: "Handover: \(name) moved from \(fromName) to \(toName)", blocks: blocks, data: data)
    }
}
