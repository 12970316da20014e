import Catalog
import Synchronization

/// The rotations every copy of a ``GoalieDirectory`` reads, replaced as a whole when the catalog
/// refresh reloads the rotation files (a reader sees the old set or the new one, never a mix).
final class RotationBook: Sendable {
    let rotations: Mutex<[EntityRef: Rotation]>

    init(_ rotations: [EntityRef: Rotation]) {
        self.rotations = Mutex(rotations)
    }
}

extension GoalieDirectory {
    /// Replaces every rotation, e.g. after a catalog refresh read the rotation files again. Every
    /// copy of this directory sees the new set at once.
    /// - Parameter rotations: the files' contents; a team listed twice keeps the first.
    public func replaceRotations(_ rotations: [Rotation]) {
        let byTeam = Self.byTeam(rotations)
        book.rotations.withLock { $0 = byTeam }
    }

    /// Rotations by their team's canonical ref; a team listed twice keeps the first.
    static func byTeam(_ rotations: [Rotation]) -> [EntityRef: Rotation] {
        var byTeam: [EntityRef: Rotation] = [:]
        for rotation in rotations {
            guard let ref = try? EntityRef(parsing: rotation.team, defaultKind: "group") else { continue }
            if byTeam[ref] == nil { byTeam[ref] = rotation }
        }
        return byTeam
    }
}
