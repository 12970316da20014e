import Catalog
import Foundation

extension JSONValue {
    /// The JSON form of any `Encodable` answer, so replies carry typed answers as plain data.
    public init(encoding value: some Encodable) throws {
        let data = try JSONEncoder().encode(value)
        self = try JSONValue(parsingJSON: String(decoding: data, as: UTF8.self))
    }
}
