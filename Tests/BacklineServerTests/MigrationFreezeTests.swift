import BacklineServer
import Catalog
import Crypto
import OnCall
import Scaffolder
import TechHealth
import Testing

@Suite("Shipped migrations are frozen", .timeLimit(.minutes(3)))
struct MigrationFreezeTests {
    /// Every migration that has shipped, in order, with the SHA-256 of its SQL. A database migrated
    /// by an older release never runs an edited migration again, so editing one would leave old and
    /// new deployments with different schemas: change the schema with a new migration and add its
    /// line here; never change a line that is here.
    static let shipped: [(name: String, sha256: String)] = [
        ("catalog v1: entities, relations, sources, search", "b110326adfc791b4d05f093adca79f787d239fabe8a2aa394a02ba532df875c4"),
        ("commands v1: chat user lookup", "ae88f5fe75533648ea49d59c5f3729ac3872e147f305b9cd84471236613a0630"),
        ("commands v1: people and annotations in search", "afbf50965602833b085e6d5a78205b0d4557e028e426ce7c322c0add7c174f87"),
        ("commands v1: catalog views for declarative queries", "b34761641eecda10a63f7d18b253f516656fe06884fbf441612be320da36d38b"),
        ("commands v1: hygiene findings", "233e66d1ebdda956a85dc89e26703eb0e6ad0ac6699ae5b83e01935f6cf43d8f"),
        ("catalog v2: headline columns", "efeff3dbb872d939559980d419436456d98bbfa85111bdc0d87a98b28e6e2d18"),
        ("server v1: slack event receipts", "cddd54cf5664a8ef3566d42e041ffd1847b0b5351510865fa46e6b44fd5249b8"),
        ("oncall v1: goalie overrides", "d9ec5b83e73ad1e2acb4dd57da67d97fa5b5b5fd6afb81d9aa4e1061dd121cd8"),
        ("oncall v1: pager last known goalie", "b14f6dca57f731d72bdadf961f1a212c3f2b18400d637a218c906c6e66732372"),
        ("oncall v1: goalie user groups", "f6eb4857cb80b5d93e9295120a18aa13dea65f8d974804bb9b7873baaba9d470"),
        ("oncall v1: incidents", "afeae13aceffb45d40ce125e679ebb1b81fa2881da07c16a1ab002b528a8c8c8"),
        ("catalog v3: change feed and source status", "eb43b4feed3428fe10cf3a1af425130c008c40d1a1cac7ea17b174e42f898af3"),
        ("health v1: harvests, manifest cache, scorecard results", "54bc7e9238bfd3b9fbf3562145ec806fd32666e31fd346f9912a7447c818c16a"),
        ("health v2: registry cache", "195ed6cac8fc0e27105a505cbc0d0996f50c0a6c5f92232c126a7d7d0a763ea8"),
        ("health v3: case-insensitive package and runtime indexes", "14206aa0d8bc3407ea1e1cb2f673d82f9742160e7b91a88a7ef41bf7fefd6b68"),
        ("scaffolder v1: runs and steps", "52380554b5ec8ce4b751a42583ed5c4236a5ec12db311e94a013c954bdb723bb"),
        ("outbox v1: messages and delivery leases", "f11bbfcc4c28325a0693089c6c9a27f2213c7dbdcae199d79d63fa5503690c6f"),
        ("scheduler v1: job runs and leases", "e1e05c6cd848be3f695c0ae8b7353131a5def26d3bef2052d7975ef2556df9ee"),
        ("alerts v1: findings, acknowledgements, snoozes", "da661c1cd2948227273c6c3da077c62557b4f24a430b34ee44f7080ee5703c86"),
        ("outbox v2: conversation ids of channels given by name", "c9731098d0dad4b825b8ca630583def9c3c05df8ff99108981d767f83df0214e"),
    ]

    /// Each target runs its own migrations, in its own order: a target appends to its list, and the
    /// shipped ones must stay that list's prefix.
    static let targets: [(name: String, migrations: [SchemaMigration])] = [
        ("Catalog", CatalogStore.migrations), ("BacklineServer", EventReceiptStore.migrations), ("OnCall", OnCallStore.migrations),
        ("TechHealth", TechHealthStore.migrations), ("Scaffolder", ScaffolderStore.migrations), ("Outbox", OutboxStore.migrations),
        ("Scheduler", ScheduleStore.migrations), ("Alerts", AlertStore.migrations),
    ]

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }

    @Test("every shipped migration keeps its name, its place in its target and its SQL")
    func shippedMigrationsUnchanged() {
        let hashes = Dictionary(Self.shipped.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        for target in Self.targets {
            let shippedHere = target.migrations.prefix { hashes[$0.name] != nil }
            let shippedNames = Self.shipped.map(\.name).filter { name in target.migrations.contains { $0.name == name } }
            #expect(shippedHere.map(\.name) == shippedNames, "\(target.name): shipped migrations were removed, renamed or moved")
            for migration in shippedHere {
                #expect(Self.sha256(migration.sql) == hashes[migration.name], "the SQL of shipped migration \(migration.name) changed; add a new migration instead")
            }
        }
        let everyName = Set(BacklineDatabase.migrations.map(\.name))
        for expected in Self.shipped where !everyName.contains(expected.name) {
            Issue.record("shipped migration \(expected.name) was removed")
        }
    }

    @Test("a new migration is recorded here when it ships")
    func newMigrationsAreRecorded() {
        let recorded = Set(Self.shipped.map(\.name))
        let unrecorded = BacklineDatabase.migrations.map(\.name).filter { !recorded.contains($0) }
        #expect(unrecorded.isEmpty, "add these to MigrationFreezeTests.shipped with their hashes: \(unrecorded)")
    }

    @Test("a fresh database runs exactly these migrations, in this order")
    func freshDatabaseRunsThem() async throws {
        let applied = try await BacklineDatabase.open(path: nil).appliedMigrations()
        #expect(applied == BacklineDatabase.migrations.map(\.name))
    }
}
