import Catalog
import Foundation
import Testing

@Suite("Recording catalog findings", .timeLimit(.minutes(3)))
struct FindingStoreTests {
    @Test("A finding met again keeps its first-seen time and counts the sightings")
    func upserts() async throws {
        let store = try CatalogStore.inMemory()
        let team = EntityRef(kind: "group", name: "guild-sre")
        let finding = CatalogFinding(entity: team, kind: .teamWithoutChannel, owner: team, message: "no channel")
        try await store.record([finding], at: Date(timeIntervalSince1970: 100))
        try await store.record([finding], at: Date(timeIntervalSince1970: 200))
        let recorded = try await store.findings(ownedBy: team)
        #expect(recorded.count == 1)
        #expect(recorded.first?.firstSeen == Date(timeIntervalSince1970: 100))
        #expect(recorded.first?.lastSeen == Date(timeIntervalSince1970: 200))
        #expect(recorded.first?.seenCount == 2)
        #expect(try await store.findings(ownedBy: EntityRef(kind: "group", name: "other")).isEmpty)
    }
}
