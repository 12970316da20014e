import Foundation
import GRDB

/// What the registry cache holds for one (ecosystem, package, registry).
public struct RegistryCacheEntry: Sendable, Hashable {
    /// When the registry last answered; nil when it never has.
    public var fetchedAt: Date?
    /// That answer's releases; nil when it did not know the package (or never answered).
    public var releases: [Release]?
    /// The last attempt, answered or not.
    public var checkedAt: Date
    /// Why the last attempt failed; nil when it was answered.
    public var problem: String?

    /// Creates an entry.
    public init(fetchedAt: Date?, releases: [Release]?, checkedAt: Date, problem: String?) {
        self.fetchedAt = fetchedAt
        self.releases = releases
        self.checkedAt = checkedAt
        self.problem = problem
    }
}

extension TechHealthStore {
    /// The cached registry answer for a package; nil when it was never asked for.
    public func registryCacheEntry(ecosystem: Ecosystem, name: String, baseURL: String) async throws -> RegistryCacheEntry? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT fetchedAt, found, releases, checkedAt, problem FROM healthRegistryCache WHERE ecosystem = ? AND name = ? AND baseURL = ?",
                arguments: [ecosystem.rawValue, name, baseURL])
            else { return nil }
            let fetched: Double? = row["fetchedAt"]
            let found: Bool = row["found"]
            let text: String? = row["releases"]
            // A row that no longer decodes (written by a newer release) is as good as none.
            let releases = found ? text.flatMap { try? JSONDecoder().decode([Release].self, from: Data($0.utf8)) } : nil
            return RegistryCacheEntry(
                fetchedAt: fetched.map(Date.init(timeIntervalSince1970:)), releases: releases,
                checkedAt: Date(timeIntervalSince1970: row["checkedAt"]), problem: row["problem"])
        }
    }

    /// Keeps a registry's answer (`releases` nil: it does not know the package), replacing the last.
    public func saveRegistryAnswer(ecosystem: Ecosystem, name: String, baseURL: String, releases: [Release]?, at date: Date) async throws {
        let text = try releases.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await writer.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO healthRegistryCache (ecosystem, name, baseURL, fetchedAt, found, releases, checkedAt, problem)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
                """, arguments: [ecosystem.rawValue, name, baseURL, date.timeIntervalSince1970, releases != nil, text, date.timeIntervalSince1970])
        }
    }

    /// Records a failed attempt, keeping the last answer (if any) to serve meanwhile.
    public func saveRegistryFailure(ecosystem: Ecosystem, name: String, baseURL: String, problem: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO healthRegistryCache (ecosystem, name, baseURL, fetchedAt, found, releases, checkedAt, problem)
                VALUES (?, ?, ?, NULL, 0, NULL, ?, ?)
                ON CONFLICT (ecosystem, name, baseURL) DO UPDATE SET checkedAt = excluded.checkedAt, problem = excluded.problem
                """, arguments: [ecosystem.rawValue, name, baseURL, date.timeIntervalSince1970, String(problem.prefix(1000))])
        }
    }

    /// Every package the harvests name, once each, by ecosystem then name: what the cache
    /// warm-up asks registries about.
    public func harvestedPackages() async throws -> [(ecosystem: Ecosystem, name: String)] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT ecosystem, name FROM healthDependency ORDER BY ecosystem, name").compactMap { row in
                let ecosystemName: String = row["ecosystem"]
                let name: String = row["name"]
                guard let ecosystem = Ecosystem(rawValue: ecosystemName) else { return nil }
                return (ecosystem: ecosystem, name: name)
            }
        }
    }
}
