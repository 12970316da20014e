import Catalog
import Foundation
import GRDB

/// What the harvester needs to know of the last harvest to decide, per component, whether anything
/// must be read again: read in two queries for the whole catalog, without decoding any parse.
struct StoredHarvestState: Sendable {
    /// The folder the sources were read from last time.
    var folder: String?
    /// Why they could not be read last time.
    var sourceProblem: String?
    /// The commit the work tree was at.
    var workTreeHead: String?
    /// The last docs check.
    var docs: DocsFreshness?
    /// How many manifest problems the stored harvest holds.
    var problemCount = 0
    /// The stored fingerprint of each manifest file, by path.
    var fingerprints: [String: String] = [:]
}

extension TechHealthStore {
    /// Every harvested component's state, by ref string.
    func harvestStates() async throws -> [String: StoredHarvestState] {
        try await writer.read { db in
            var states: [String: StoredHarvestState] = [:]
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            let sql = """
                SELECT entityRef, folder, sourceProblem, workTreeHead, docs,
                       coalesce(json_array_length(harvest, '$.problems'), 0) AS problemCount
                FROM healthComponent
                """
            for row in try Row.fetchAll(db, sql: sql) {
                let docs: String? = row["docs"]
                states[row["entityRef"]] = StoredHarvestState(
                    folder: row["folder"], sourceProblem: row["sourceProblem"], workTreeHead: row["workTreeHead"],
                    docs: docs.flatMap { try? decoder.decode(DocsFreshness.self, from: Data($0.utf8)) }, problemCount: row["problemCount"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT entityRef, path, contentHash FROM healthManifestFile") {
                let key: String = row["entityRef"]
                states[key, default: StoredHarvestState()].fingerprints[row["path"]] = row["contentHash"]
            }
            return states
        }
    }
}
