import TechHealth

/// Parses a fixture as if it sat at `path` in a component folder.
func parseFixture(_ fixture: String, as path: String, kind: ManifestKind? = nil) throws -> ParsedManifest {
    let text = try Fixtures.text("manifests/\(fixture)")
    return ManifestInventory.parse(kind ?? ManifestKind.detect(path)!, path: path, contents: text)
}

extension ManifestHarvest {
    /// The dependency named `name` (the first, when several).
    func dependency(_ name: String) -> HarvestedDependency? { dependencies.first { $0.name == name } }

    /// Every dependency named `name`.
    func all(_ name: String) -> [HarvestedDependency] { dependencies.filter { $0.name == name } }

    /// The pin for `runtime` (the first, when several).
    func runtime(_ runtime: String) -> RuntimePin? { runtimes.first { $0.runtime == runtime } }
}
