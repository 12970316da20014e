import Foundation

/// The cross-file step: pairs each folder's manifests with the lock files that resolve them.
///
/// Files are grouped by folder and ecosystem. In a group, every manifest entry is a direct
/// dependency (the first declaration of a name wins, so each direct package appears once) and takes
/// its version from the group's lock files; a manifest without a lock beside it borrows the nearest
/// lock of its ecosystem in a folder above (npm, Cargo and pnpm workspaces lock at the root). A
/// lock's other entries are transitive, one per name and version. `pom.xml` files go through
/// `PomResolver`, which needs every pom at once for parents.
enum ManifestMerge {
    private struct GroupKey: Hashable {
        let directory: String
        let ecosystem: Ecosystem
    }

    static func merge(_ files: [ParsedManifest]) -> ManifestHarvest {
        var result = ManifestHarvest()
        let ordered = files.sorted { $0.path < $1.path }
        let poms = ordered.filter { $0.kind == .pom }
        if !poms.isEmpty { result.append(PomResolver.resolve(poms)) }
        // A pom that did not parse has no model; its problems are all it gives.
        for file in poms where file.pom == nil { result.problems += file.harvest.problems }

        var groups: [GroupKey: [ParsedManifest]] = [:]
        var order: [GroupKey] = []
        for file in ordered where file.kind != .pom {
            result.runtimes += file.harvest.runtimes
            result.problems += file.harvest.problems
            guard let ecosystem = file.kind.ecosystem else { continue }
            let key = GroupKey(directory: file.directory, ecosystem: ecosystem)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(file)
        }
        for key in order {
            let members = groups[key] ?? []
            let manifests = members.filter { !$0.kind.isLockFile }
            let ownLocks = members.filter { $0.kind.isLockFile }.flatMap(\.harvest.dependencies)
            let locks = ownLocks.isEmpty && !manifests.isEmpty
                ? borrowedLock(for: key, in: groups) : ownLocks
            result.dependencies += mergeGroup(
                manifests: manifests.flatMap(\.harvest.dependencies), locks: locks, emitLocks: !ownLocks.isEmpty)
        }
        result.dependencies.sort { ($0.location, $0.name) < ($1.location, $1.name) }
        return result
    }

    /// The lock entries of the nearest folder above `key.directory` that has a lock file of the same
    /// ecosystem.
    private static func borrowedLock(for key: GroupKey, in groups: [GroupKey: [ParsedManifest]]) -> [HarvestedDependency] {
        var directory = key.directory
        while !directory.isEmpty {
            directory = directory.lastIndex(of: "/").map { String(directory[..<$0]) } ?? ""
            let locks = (groups[GroupKey(directory: directory, ecosystem: key.ecosystem)] ?? []).filter { $0.kind.isLockFile }
            if !locks.isEmpty { return locks.flatMap(\.harvest.dependencies) }
        }
        return []
    }

    private static func mergeGroup(
        manifests: [HarvestedDependency], locks: [HarvestedDependency], emitLocks: Bool
    ) -> [HarvestedDependency] {
        var merged: [HarvestedDependency] = []
        var directNames = Set<String>()
        var consumed = Set<Int>()
        var lockIndex: [String: [Int]] = [:]
        for (index, entry) in locks.enumerated() { lockIndex[entry.name, default: []].append(index) }

        // Base images are not deduplicated: two Dockerfiles in one folder are two images.
        for declared in manifests where declared.direct
            && (declared.ecosystem == .docker || directNames.insert(declared.name).inserted) {
            var entry = declared
            let candidates = lockIndex[declared.name] ?? []
            // The lock's own record of what the root asked for wins; then the entry resolved for the
            // very range the manifest wrote (yarn keeps one block per set of ranges); else the first.
            let wanted = declared.declared
            let pick = candidates.first { locks[$0].direct }
                ?? candidates.first { index in
                    wanted != nil && (locks[index].declared?.split(separator: ",").contains {
                        $0.trimmingCharacters(in: .whitespaces) == wanted
                    } ?? false)
                }
                ?? candidates.first
            if let pick {
                if let version = locks[pick].version { entry.version = version }
                if entry.scope == nil { entry.scope = locks[pick].scope }
                consumed.insert(pick)
            }
            merged.append(entry)
        }
        // Manifest entries that are not direct (rare: a manifest listing indirect requirements, as
        // go.mod does) pass through as they are.
        merged += manifests.filter { !$0.direct }

        guard emitLocks else { return merged }
        // A lock often lists a direct package twice (pnpm's importer and its packages map): the
        // version already reported as direct is not repeated as transitive.
        var seen = Set(merged.filter(\.direct).map { "\($0.name)\u{0}\($0.version ?? "")" })
        for (index, entry) in locks.enumerated() where !consumed.contains(index) {
            var lockEntry = entry
            // A lock that names a package as direct while the manifest beside it does not (or names
            // it at another version) keeps the manifest's word: only one direct entry per package.
            if directNames.contains(entry.name) {
                lockEntry.direct = false
            }
            if lockEntry.direct { directNames.insert(entry.name) }
            guard seen.insert("\(entry.name)\u{0}\(entry.version ?? "")").inserted else { continue }
            merged.append(lockEntry)
        }
        return merged
    }
}
