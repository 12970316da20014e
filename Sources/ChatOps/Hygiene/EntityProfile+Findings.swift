import Catalog

extension EntityProfile {
    /// The broken data `/owner` meets, as findings to record. The profile's `findings` strings
    /// stay the answer's wording; these carry the structure the digest needs.
    var catalogFindings: [CatalogFinding] {
        guard let ref = try? EntityRef(parsing: entity.ref), let owner, let ownerRef = try? EntityRef(parsing: owner.ref) else { return [] }
        if !owner.exists {
            return [CatalogFinding(entity: ref, kind: .missingOwner, subject: ownerRef, message: "The owner \(ownerRef) of \(ref.shortDescription) is not in the catalog.")]
        }
        if ownerRef.kind == "group", owner.channel == nil {
            return [CatalogFinding(entity: ownerRef, kind: .teamWithoutChannel, owner: ownerRef, message: "The team \(ownerRef.shortDescription) has no chat channel (annotation \(Annotation.chatChannel)).")]
        }
        return []
    }
}
