import Catalog

extension JSONValue {
    /// The JSON form of any `Encodable` answer, so replies carry typed answers as plain data.
    public init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder().encode(value)
    }
}
