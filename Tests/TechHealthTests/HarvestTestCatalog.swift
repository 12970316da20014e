import Catalog
import Foundation
import GRDB
@testable import TechHealth

/// A catalog folder in a temporary directory, its in-memory database (catalog and health tables
/// on one writer, as in the server) and a harvester over them.
struct HarvestTestCatalog {
    let root: URL
    let catalog: CatalogStore
    let store: TechHealthStore

    /// Far enough ahead that every file's time is trusted (see ``ManifestFingerprint/racyWindow``).
    static let later = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01

    init(root: URL? = nil) throws {
        self.root = root ?? FileManager.default.temporaryDirectory.appendingPathComponent("backline-harvest-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        let writer = try DatabaseQueue()
        catalog = try CatalogStore(writer: writer)
        store = try TechHealthStore(writer: writer)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` to `path` under the root, creating folders.
    func write(_ path: String, _ text: String) throws {
        let file = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// A Component's descriptor in `folder`.
    func component(_ name: String, in folder: String, annotations: [String: String] = [:]) throws {
        var yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: \(name)\n"
        if !annotations.isEmpty {
            yaml += "  annotations:\n" + annotations.sorted { $0.key < $1.key }.map { "    \($0.key): '\($0.value)'\n" }.joined()
        }
        yaml += "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n"
        try write((folder.isEmpty ? "" : folder + "/") + "catalog-info.yaml", yaml)
    }

    /// Ingests the root folder.
    func ingest() async throws {
        _ = try await CatalogIngester(store: catalog).ingest([.path(root.path)])
    }

    func harvester(_ settings: HarvestSettings = HarvestSettings()) -> HealthHarvester {
        HealthHarvester(catalog: catalog, store: store, settings: settings)
    }

    static func ref(_ name: String) -> EntityRef { EntityRef(kind: "component", namespace: "default", name: name) }
}
