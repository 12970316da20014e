import Testing
import TechHealth

@Suite("Python manifests")
struct ManifestPythonTests {
    @Test("requirements.txt: pins, ranges, markers, hashes, continuations, comments, normalised names")
    func requirements() throws {
        let file = try parseFixture("python/app/requirements.txt", as: "app/requirements.txt")
        let harvest = file.harvest
        #expect(harvest.dependency("django")?.version == "4.2.16")
        #expect(harvest.dependency("django")?.location == ManifestLocation(file: "app/requirements.txt", line: 5))
        let requests = try #require(harvest.dependency("requests"))
        #expect(requests.declared == ">=2.31,<3")
        #expect(requests.version == nil)
        let celery = try #require(harvest.dependency("celery"))
        #expect(celery.version == "5.4.0")
        #expect(celery.location.line == 7)
        #expect(harvest.dependency("flask-sqlalchemy")?.version == "3.1.1")
        #expect(harvest.dependency("zope-interface")?.declared == "~=6.4")
        #expect(harvest.dependency("ruamel-yaml")?.version == "0.18.6")
        #expect(harvest.dependency("numpy")?.version == nil)
        #expect(harvest.dependency("numpy")?.declared == "==1.26.*")
        #expect(harvest.dependency("pydantic") != nil)
        #expect(harvest.dependency("internal-tools") == nil)
        #expect(harvest.dependencies.allSatisfy { $0.scope == "runtime" && $0.direct })
        #expect(harvest.problems.count == 2)
        #expect(harvest.problems.contains { $0.location.line == 17 && $0.message.contains("outside") })
        #expect(harvest.problems.contains { $0.location.line == 18 })
    }

    @Test("The harvest follows -r includes inside the folder and refuses those outside")
    func includes() throws {
        let harvest = ManifestInventory.harvest(folder: Fixtures.url("manifests/python/app"))
        #expect(harvest.dependency("structlog")?.location == ManifestLocation(file: "requirements/base.txt", line: 2))
        #expect(harvest.dependency("pyyaml")?.declared == ">=6.0.1")
        #expect(harvest.problems.contains { $0.message.contains("outside") })
    }

    @Test("PEP 503 normalisation")
    func normalisation() {
        for (written, expected) in [("Flask_SQLAlchemy", "flask-sqlalchemy"), ("zope.interface", "zope-interface"), ("A-_.b", "a-b")] {
            let file = ManifestInventory.parse(.requirements, path: "requirements.txt", contents: "\(written)==1.0\n")
            #expect(file.harvest.dependencies.first?.name == expected)
        }
    }

    @Test("pyproject.toml: PEP 621 dependencies and extras, PEP 735 groups, requires-python")
    func pep621() throws {
        let harvest = try parseFixture("python/pyproject.toml", as: "pyproject.toml").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependency("fastapi")?.location.line == 10)
        #expect(harvest.dependency("sqlalchemy")?.version == "2.0.31")
        #expect(harvest.dependency("numpy")?.declared == ">=1.26, <2")
        #expect(harvest.dependency("numpy")?.location.line == 12)
        #expect(harvest.dependency("torch")?.scope == "optional:gpu")
        #expect(harvest.dependency("pytest")?.scope == "test")
        #expect(harvest.dependency("coverage")?.version == "7.5.4")
        #expect(harvest.dependencies.count == 6)
        #expect(harvest.runtimes == [RuntimePin(runtime: "python", version: ">=3.11", location: ManifestLocation(file: "pyproject.toml", line: 8))])
    }

    @Test("pyproject.toml: Poetry tables, python as the pin, groups as scopes")
    func poetry() throws {
        let harvest = try parseFixture("python/poetry-pyproject.toml", as: "pyproject.toml").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.runtime("python")?.version == "^3.10")
        #expect(harvest.runtime("python")?.location.line == 8)
        #expect(harvest.dependency("boto3")?.declared == "^1.34.0")
        #expect(harvest.dependency("pendulum")?.version == "3.0.0")
        #expect(harvest.dependency("internal-lib")?.declared == nil)
        #expect(harvest.dependency("black")?.scope == "dev")
        #expect(harvest.dependency("mypy")?.location.line == 15)
    }

    @Test("poetry.lock resolves the Poetry manifest's ranges")
    func poetryLockMerge() throws {
        let lock = try parseFixture("python/poetry.lock", as: "poetry.lock")
        #expect(lock.harvest.dependencies.map(\.name) == ["boto3", "botocore", "pendulum"])
        #expect(lock.harvest.dependency("botocore")?.location.line == 16)
        let merged = ManifestInventory.merge([try parseFixture("python/poetry-pyproject.toml", as: "pyproject.toml"), lock])
        let boto3 = try #require(merged.dependency("boto3"))
        #expect(boto3.direct && boto3.declared == "^1.34.0" && boto3.version == "1.34.144")
        #expect(merged.dependency("botocore")?.direct == false)
    }

    @Test("uv.lock: the project's own entry names the direct packages")
    func uvLock() throws {
        let lock = try parseFixture("python/uv.lock", as: "uv.lock")
        #expect(lock.harvest.problems.isEmpty)
        #expect(lock.harvest.dependency("recommender") == nil)
        #expect(lock.harvest.dependency("fastapi")?.direct == true)
        #expect(lock.harvest.dependency("anyio")?.direct == false)
        #expect(lock.harvest.dependency("anyio")?.location.line == 8)
        let merged = ManifestInventory.merge([try parseFixture("python/pyproject.toml", as: "pyproject.toml"), lock])
        #expect(merged.dependency("fastapi")?.version == "0.111.1")
        #expect(merged.dependency("fastapi")?.declared == ">=0.111")
        #expect(merged.all("fastapi").count == 1)
    }

    @Test("Malformed TOML is one located problem")
    func malformed() throws {
        let harvest = try parseFixture("python/malformed-pyproject.toml", as: "pyproject.toml").harvest
        #expect(harvest.dependencies.isEmpty)
        #expect(harvest.problems.count == 1)
        #expect(harvest.problems.first?.location.line != nil)
    }
}
