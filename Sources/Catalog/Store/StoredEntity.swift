import Foundation
import GRDB

/// An entity as the catalog holds it: the entity plus where it was read from.
public struct StoredEntity: Sendable, Hashable {
    /// The entity.
    public var entity: Entity
    /// The file it was read from (absolute path, or git URL + path).
    public var sourcePath: String
    /// The line its document starts on.
    public var line: Int

    /// The canonical ref.
    public var ref: EntityRef { entity.ref }

    static let columns = "body, sourcePath, line"

    init(row: Row) throws {
        let body: String = row["body"]
        entity = try Entity(jsonBody: body)
        sourcePath = row["sourcePath"]
        line = row["line"]
    }
}
