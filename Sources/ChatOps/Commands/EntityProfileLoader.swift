import Catalog
import Foundation

/// Builds ``EntityProfile``s from the catalog with one read of the entity's neighbourhood.
struct EntityProfileLoader {
    let catalog: CatalogStore

    func profile(of stored: StoredEntity) async throws -> EntityProfile {
        let entity = stored.entity
        // The owner and its parent group, the system and its domain: two hops, one read.
        let around = try await catalog.neighbourhood(of: entity.ref, along: [.ownedBy, .partOf, .childOf], depth: 2)
        let ownerRef = around.target(of: entity.ref, .ownedBy)
        let systemRef = around.target(of: entity.ref, .partOf, kind: "system")
        let owner = ownerRef.flatMap { around.entities[$0]?.entity }
        let system = systemRef.flatMap { around.entities[$0]?.entity }
        let parentRef = owner == nil ? nil : around.target(of: ownerRef!, .childOf)
        let domainRef = around.target(of: entity.ref, .partOf, kind: "domain")
            ?? (system == nil ? nil : around.target(of: systemRef!, .partOf, kind: "domain"))
        let domain = domainRef.flatMap { around.entities[$0]?.entity }
        let parent = parentRef.flatMap { around.entities[$0]?.entity }

        var findings: [String] = []
        if let ownerRef, owner == nil {
            findings.append("The owner \(ownerRef) is not in the catalog.")
        }
        if let systemRef, system == nil {
            findings.append("The system \(systemRef) is not in the catalog.")
        }
        if let owner, owner.knownKind == .group, owner.metadata.annotations[Annotation.chatChannel] == nil {
            findings.append("The owning team \(owner.ref) has no chat channel (annotation \(Annotation.chatChannel)).")
        }

        return EntityProfile(
            entity: EntitySummary(entity),
            owner: ownerRef.map { ref in
                OwnerSummary(
                    ref: ref.description, exists: owner != nil,
                    title: owner.map { $0.metadata.title ?? $0.spec["profile"]?["displayName"]?.stringValue ?? $0.metadata.name },
                    channel: owner?.metadata.annotations[Annotation.chatChannel],
                    chatUserID: owner?.metadata.annotations[Annotation.slackUserID],
                    email: owner?.spec["profile"]?["email"]?.stringValue,
                    parent: parent.map(EntitySummary.init))
            },
            system: system.map(EntitySummary.init) ?? systemRef.map { EntitySummary(placeholder: $0) },
            domain: domain.map(EntitySummary.init) ?? domainRef.map { EntitySummary(placeholder: $0) },
            type: entity.specString("type"),
            lifecycle: entity.specString("lifecycle"),
            tier: entity.metadata.annotations[Annotation.tier],
            tags: entity.metadata.tags,
            links: entity.metadata.links,
            docs: docs(of: stored),
            source: SourceLocation(url: sourceURL(of: entity), catalogFile: stored.sourcePath, line: stored.line),
            findings: findings)
    }

    private func sourceURL(of entity: Entity) -> String? {
        if let location = entity.metadata.annotations[Annotation.sourceLocation] {
            return location.hasPrefix("url:") ? String(location.dropFirst(4)) : location
        }
        if let slug = entity.metadata.annotations[Annotation.githubProjectSlug] {
            return "https://github.com/\(slug)"
        }
        return nil
    }

    /// Resolves `dir:` refs against the repository URL when there is one, else the local folder.
    private func docs(of stored: StoredEntity) -> DocsLocation? {
        guard let ref = stored.entity.metadata.annotations[Annotation.techdocsRef] else { return nil }
        if ref.hasPrefix("url:") { return DocsLocation(techdocsRef: ref, url: String(ref.dropFirst(4))) }
        guard ref.hasPrefix("dir:") else { return DocsLocation(techdocsRef: ref, url: nil) }
        let relative = String(ref.dropFirst(4))
        let subpath = relative == "." || relative == "./" ? "" : relative.hasPrefix("./") ? String(relative.dropFirst(2)) : relative
        if let repository = sourceURL(of: stored.entity) {
            let base = repository.hasSuffix("/") ? repository : repository + "/"
            return DocsLocation(techdocsRef: ref, url: subpath.isEmpty ? base : base + subpath)
        }
        guard stored.sourcePath.hasPrefix("/") else { return DocsLocation(techdocsRef: ref, url: nil) }
        let folder = URL(fileURLWithPath: stored.sourcePath).deletingLastPathComponent().appendingPathComponent(subpath).standardizedFileURL
        return DocsLocation(techdocsRef: ref, url: folder.path)
    }
}

extension EntitySummary {
    /// A summary for a ref the catalog does not have.
    init(placeholder ref: EntityRef) {
        self.ref = ref.description
        kind = ref.kind
        name = ref.name
        title = nil
        description = nil
    }
}
