import Foundation
import GRDB

/// The rows a declarative query returned, within its row limit.
public struct QueryRows: Sendable, Hashable {
    /// Column names, in the query's order.
    public var columns: [String]
    /// The rows read, each by column name.
    public var rows: [[String: JSONValue]]
    /// How many further rows matched beyond the row limit (counted up to ``countLimit``).
    public var more: Int
    /// The most rows counted beyond the limit; `more` equal to this means "at least".
    public static let countLimit = 10_000
}

/// Why a declarative query could not run. The message is written for the command's author.
public enum QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SQL is not a single read-only statement.
    case notReadOnly
    /// SQLite rejected the SQL or its parameters.
    case invalid(String)
    /// It ran longer than its time limit and was interrupted.
    case timedOut(Duration)

    public var description: String {
        switch self {
        case .notReadOnly: "the query must be a single read-only SELECT"
        case .invalid(let message): "the query failed: \(message)"
        case .timedOut(let limit): "the query took longer than its \(limit) limit and was stopped"
        }
    }
}

extension CatalogStore {
    /// Runs a command author's SQL on a read-only connection, with a time and a row limit.
    ///
    /// Reads run in GRDB read accesses: a `DatabasePool` reader is opened read-only and a
    /// `DatabaseQueue` read runs under `PRAGMA query_only`, so even a statement that slipped
    /// past the read-only check could not write. When the time limit passes, SQLite stops the
    /// query at its next progress check (``QueryInterrupt``), whenever the query started.
    /// - Parameters:
    ///   - sql: one `SELECT` over the `catalog_*` views, with `:name` parameters.
    ///   - parameters: values for the parameters; names the SQL does not use are ignored, and
    ///     parameters it uses but `parameters` lacks are bound to NULL.
    ///   - rowLimit: at most this many rows are returned; the rest are counted in `more`.
    ///   - timeLimit: the query is interrupted after this long.
    ///   - clock: the clock that measures the time limit.
    public func readOnlyQuery(
        _ sql: String, parameters: [String: JSONValue], rowLimit: Int, timeLimit: Duration,
        clock: some Clock<Duration> = ContinuousClock()
    ) async throws -> QueryRows {
        let interrupt = QueryInterrupt()
        return try await withThrowingTaskGroup(of: QueryRows?.self) { group in
            group.addTask { try await self.runQuery(sql, parameters: parameters, rowLimit: rowLimit, interrupt: interrupt) }
            group.addTask {
                try await clock.sleep(for: timeLimit)
                interrupt.expire()
                return nil
            }
            defer { group.cancelAll() }
            do {
                guard let first = try await group.next(), let rows = first else { throw QueryError.timedOut(timeLimit) }
                return rows
            } catch is CancellationError {
                throw QueryError.timedOut(timeLimit)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
                throw QueryError.timedOut(timeLimit)
            }
        }
    }

    private func runQuery(_ sql: String, parameters: [String: JSONValue], rowLimit: Int, interrupt: QueryInterrupt) async throws -> QueryRows {
        // SQLite calls some pragmas read-only (`PRAGMA query_only = 0` among them): only queries pass.
        let start = sql.drop { $0.isWhitespace }.prefix(6).lowercased()
        guard start.hasPrefix("select") || start.hasPrefix("with") else { throw QueryError.notReadOnly }
        return try await writer.read { db in
            let statement: Statement
            do {
                statement = try db.makeStatement(sql: sql)
            } catch let error as DatabaseError {
                throw QueryError.invalid(error.message ?? "\(error)")
            }
            guard statement.isReadonly else { throw QueryError.notReadOnly }
            var arguments: [String: (any DatabaseValueConvertible)?] = [:]
            for name in Self.parameterNames(in: sql) {
                // `.some(nil)` keeps the key: an absent parameter is bound to NULL, not left unbound.
                arguments[name] = .some(parameters[name].flatMap(Self.databaseValue))
            }
            do {
                try statement.setArguments(StatementArguments(arguments))
                return try interrupt.enforce(on: db) {
                    let columns = statement.columnNames
                    let cursor = try Row.fetchCursor(statement)
                    var rows: [[String: JSONValue]] = []
                    while rows.count < rowLimit, let row = try cursor.next() {
                        rows.append(Dictionary(columns.map { ($0, Self.jsonValue(row[$0] as DatabaseValue)) }, uniquingKeysWith: { first, _ in first }))
                    }
                    var more = 0
                    while more < QueryRows.countLimit, try cursor.next() != nil { more += 1 }
                    return QueryRows(columns: columns, rows: rows, more: more)
                }
            } catch let error as DatabaseError where error.resultCode != .SQLITE_INTERRUPT {
                throw QueryError.invalid(error.message ?? "\(error)")
            }
        }
    }

    /// The `:name` parameters a statement uses. Read from the SQL text, skipping string literals,
    /// because SQLite reports parameter names only through its C API.
    static func parameterNames(in sql: String) -> Set<String> {
        var names: Set<String> = []
        var characters = sql[...]
        while let first = characters.first {
            characters = characters.dropFirst()
            switch first {
            case "'", "\"":
                characters = characters.drop { $0 != first }.dropFirst()
            case ":", "@", "$":
                let name = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty, first == ":" { names.insert(String(name)) }
                characters = characters.dropFirst(name.count)
            case "-" where characters.first == "-":
                characters = characters.drop { $0 != "\n" }
            default:
                continue
            }
        }
        return names
    }

    private static func databaseValue(_ value: JSONValue) -> (any DatabaseValueConvertible)? {
        switch value {
        case .null: nil
        case .bool(let flag): flag ? 1 : 0
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? Int64(number) : number
        case .string(let text): text
        case .array, .object: String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
        }
    }

    private static func jsonValue(_ value: DatabaseValue) -> JSONValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .number(Double(number))
        case .double(let number): .number(number)
        case .string(let text): .string(text)
        case .blob(let data): .string(data.base64EncodedString())
        }
    }
}
