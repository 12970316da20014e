import Testing
import TechHealth

@Suite("go.mod")
struct ManifestGoTests {
    @Test("require lines and blocks, // indirect as transitive, replaces applied, toolchain as the go pin")
    func goMod() throws {
        let harvest = try parseFixture("go/go.mod", as: "svc/go.mod").harvest
        #expect(harvest.problems.isEmpty)
        let uuid = try #require(harvest.dependency("github.com/google/uuid"))
        #expect(uuid.version == "v1.6.0")
        #expect(uuid.declared == "v1.6.0")
        #expect(uuid.direct)
        #expect(uuid.location == ManifestLocation(file: "svc/go.mod", line: 8))
        #expect(harvest.dependency("github.com/jackc/pgx/v5")?.version == "v5.7.1")
        #expect(harvest.dependency("golang.org/x/text")?.direct == false)
        #expect(harvest.dependency("github.com/davecgh/go-spew")?.direct == false)
        #expect(harvest.dependency("github.com/stretchr/testify")?.direct == true)
        let auth = try #require(harvest.dependency("example.com/internal/auth"))
        #expect(auth.version == nil)
        #expect(auth.declared == "v0.3.0")
        #expect(harvest.dependency("github.com/old/lib") == nil)
        #expect(harvest.dependency("github.com/new/lib")?.version == "v1.3.1")
        #expect(harvest.runtimes == [RuntimePin(runtime: "go", version: "1.24.2", location: ManifestLocation(file: "svc/go.mod", line: 5))])
    }

    @Test("Without a toolchain line the go directive is the pin")
    func goDirective() throws {
        let harvest = try parseFixture("go/go-no-toolchain.mod", as: "go.mod").harvest
        #expect(harvest.runtime("go")?.version == "1.21")
        #expect(harvest.dependency("github.com/spf13/cobra")?.location.line == 5)
    }

    @Test("A malformed go.mod gives located problems and keeps what it can")
    func malformed() throws {
        let harvest = try parseFixture("go/malformed.mod", as: "go.mod").harvest
        #expect(harvest.problems.compactMap(\.location.line).sorted() == [5, 6])
        #expect(harvest.dependency("github.com/spf13/cobra")?.version == "v1.8.1")
    }
}
