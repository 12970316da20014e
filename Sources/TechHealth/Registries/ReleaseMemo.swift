import Foundation
import Synchronization

/// Merged release lists kept in memory until the cache entry they came from goes stale.
///
/// SQLite holds the answers; this only saves decoding and ordering the same (sometimes
/// thousand-version) lists again for every `/health` answer. Bounded: when full it starts over.
final class ReleaseMemo: Sendable {
    /// More packages than any organisation uses at once.
    static let capacity = 50_000

    private struct Entry {
        var releases: PackageReleases?
        var until: Date
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The remembered answer for `key`, while `moment` is before its end.
    func value(for key: String, at moment: Date) -> PackageReleases?? {
        entries.withLock { entries -> PackageReleases?? in
            guard let entry = entries[key] else { return nil }
            guard moment < entry.until else {
                entries[key] = nil
                return nil
            }
            return .some(entry.releases)
        }
    }

    /// Remembers `releases` (nil: the registry does not know the package) until `until`.
    func remember(_ releases: PackageReleases?, for key: String, until: Date) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(releases: releases, until: until)
        }
    }
}
