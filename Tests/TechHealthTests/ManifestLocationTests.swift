import Testing
import TechHealth

@Suite("Manifest locations")
struct ManifestLocationTests {
    @Test("A location reads as file:line, or the file alone when the line is unknown")
    func description() {
        #expect(ManifestLocation(file: "api/package.json", line: 12).description == "api/package.json:12")
        #expect(ManifestLocation(file: "Dockerfile").description == "Dockerfile")
    }
}
