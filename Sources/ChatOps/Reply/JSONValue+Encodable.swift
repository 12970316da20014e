import Catalog

extension JSONValue {
    /// The JSON form of any `Encodable` answer, so replies carry typed answers as plain data.
    /// Dates are ISO 8601 strings (`2026-03-30T07:00:00Z`), as people and scripts read them.
    public init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder().encode(value)
    }
}
