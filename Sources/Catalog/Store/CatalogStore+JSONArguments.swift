import Foundation

extension CatalogStore {
    /// `keys` as one JSON array, for `IN (SELECT value FROM json_each(?))`: one statement text
    /// whatever the count, prepared once per connection, and no limit on bound parameters.
    static func jsonArray(_ keys: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)
    }
}
