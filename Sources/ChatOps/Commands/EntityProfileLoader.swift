import Catalog
import Foundation

/// Builds ``EntityProfile``s from the catalog with a handful of indexed reads.
struct EntityProfileLoader {
    let catalog: CatalogStore

    func profile(of stored: StoredEntity) async throws -> EntityProfile {
        let entity = stored.entity
        let relations = try await catalog.relations(from: entity.ref)
        let ownerRef = relations.first { $0.type == .ownedBy }?.target
        let parts = relations.filter { $0.type == .partOf }.map(\.target)
        let systemRef = parts.first { $0.kind == "system" }
        let directDomainRef = parts.first { $0.kind == "domain" }

        let related = try await catalog.entities([ownerRef, systemRef, directDomainRef].compactMap { $0 })
        let byRef = Dictionary(related.map { ($0.ref, $0.entity) }, uniquingKeysWith: { first, _ in first })
        let owner = ownerRef.flatMap { byRef[$0] }
        let system = systemRef.flatMap { byRef[$0] }

        // Second hop: the owner's parent group, and the system's domain.
        var secondHop: [EntityRef] = []
        let parentRef = owner == nil ? nil : try await catalog.relations(from: ownerRef!, ofType: .childOf).first?.target
        if let parentRef { secondHop.append(parentRef) }
        var domainRef = directDomainRef
        if domainRef == nil, let systemRef, system != nil {
            domainRef = try await catalog.relations(from: systemRef, ofType: .partOf).first { $0.target.kind == "domain" }?.target
            if let domainRef { secondHop.append(domainRef) }
        }
        let secondEntities = try await catalog.entities(secondHop)
        let secondByRef = Dictionary(secondEntities.map { ($0.ref, $0.entity) }, uniquingKeysWith: { first, _ in first })
        let domain = domainRef.flatMap { byRef[$0] ?? secondByRef[$0] }

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
                    parent: parentRef.flatMap { secondByRef[$0] }.map(EntitySummary.init))
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
