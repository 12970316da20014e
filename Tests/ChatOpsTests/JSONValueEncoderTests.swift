import Catalog
import ChatOps
import Foundation
import Testing

@Suite("Answers as JSON values")
struct JSONValueEncoderTests {
    struct Inner: Codable { var name: String; var note: String? }
    struct Answer: Codable {
        var count: Int
        var ratio: Double
        var ok: Bool
        var items: [Inner]
        var byName: [String: Int]
        var missing: String?
        var nested: [[String]]
    }

    @Test("encodes exactly what JSONEncoder would, without JSON text in between")
    func sameAsJSONEncoder() throws {
        let answer = Answer(
            count: 3, ratio: 0.5, ok: true, items: [Inner(name: "a", note: nil), Inner(name: "b", note: "x")],
            byName: ["z": 1, "y": 2], missing: nil, nested: [["p"], []])
        let direct = try JSONValue(encoding: answer)
        let viaText = try JSONValue(parsingJSON: String(decoding: try JSONEncoder().encode(answer), as: UTF8.self))
        #expect(direct == viaText)
        #expect(direct["missing"] == nil)
        #expect(direct["items"]?.arrayValue?.first?["note"] == nil)
    }
}
