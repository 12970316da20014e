/// The kinds of file the inventory reads, each recognised by its file name alone.
public enum ManifestKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `package.json`.
    case packageJSON
    /// `package-lock.json` or `npm-shrinkwrap.json` (same format).
    case packageLock
    /// `yarn.lock`, classic (v1) or berry (YAML).
    case yarnLock
    /// `pnpm-lock.yaml`.
    case pnpmLock
    /// `go.mod`.
    case goMod
    /// `pom.xml`.
    case pom
    /// A Gradle version catalog (`gradle/libs.versions.toml` or any `*.versions.toml`).
    case gradleVersionCatalog
    /// `build.gradle` or `build.gradle.kts`.
    case gradleBuildScript
    /// `requirements*.txt` (and files reached through `-r`).
    case requirements
    /// `pyproject.toml`.
    case pyproject
    /// `poetry.lock`.
    case poetryLock
    /// `uv.lock`.
    case uvLock
    /// `Cargo.toml`.
    case cargoManifest
    /// `Cargo.lock`.
    case cargoLock
    /// `Gemfile.lock`.
    case gemfileLock
    /// `Package.swift`.
    case swiftManifest
    /// `Package.resolved`.
    case swiftResolved
    /// `Dockerfile`, `Containerfile`, `Dockerfile.<name>`, `<name>.Dockerfile`.
    case dockerfile
    /// A one-line runtime pin file: `.nvmrc`, `.node-version`, `.python-version`, `.ruby-version`,
    /// `.java-version`, `rust-toolchain`.
    case runtimePinFile
    /// asdf / mise `.tool-versions`.
    case toolVersions
    /// `rust-toolchain.toml`.
    case rustToolchainTOML

    /// The kind of the file at `path` (relative or absolute; only the last components matter), or
    /// nil when the inventory does not read such a file.
    public static func detect(_ path: String) -> ManifestKind? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let last = components.last else { return nil }
        let name = String(last)
        let lower = name.lowercased()
        switch name {
        case "package.json": return .packageJSON
        case "package-lock.json", "npm-shrinkwrap.json": return .packageLock
        case "yarn.lock": return .yarnLock
        case "pnpm-lock.yaml": return .pnpmLock
        case "go.mod": return .goMod
        case "pom.xml": return .pom
        case "build.gradle", "build.gradle.kts": return .gradleBuildScript
        case "pyproject.toml": return .pyproject
        case "poetry.lock": return .poetryLock
        case "uv.lock": return .uvLock
        case "Cargo.toml": return .cargoManifest
        case "Cargo.lock": return .cargoLock
        case "Gemfile.lock", "gems.locked": return .gemfileLock
        case "Package.swift": return .swiftManifest
        case "Package.resolved": return .swiftResolved
        case "Dockerfile", "Containerfile": return .dockerfile
        case ".nvmrc", ".node-version", ".python-version", ".ruby-version", ".java-version", "rust-toolchain":
            return .runtimePinFile
        case ".tool-versions": return .toolVersions
        case "rust-toolchain.toml": return .rustToolchainTOML
        default: break
        }
        if name.hasSuffix(".versions.toml") { return .gradleVersionCatalog }
        if lower.hasPrefix("requirements"), lower.hasSuffix(".txt") { return .requirements }
        if name.hasPrefix("Dockerfile.") || name.hasSuffix(".Dockerfile") || name.hasSuffix(".dockerfile") {
            return .dockerfile
        }
        return nil
    }

    /// The ecosystem whose packages this kind declares or locks; nil for files that only pin runtimes.
    public var ecosystem: Ecosystem? {
        switch self {
        case .packageJSON, .packageLock, .yarnLock, .pnpmLock: .npm
        case .goMod: .go
        case .pom, .gradleVersionCatalog, .gradleBuildScript: .maven
        case .requirements, .pyproject, .poetryLock, .uvLock: .pypi
        case .cargoManifest, .cargoLock: .cargo
        case .gemfileLock: .rubygems
        case .swiftManifest, .swiftResolved: .swift
        case .dockerfile: .docker
        case .runtimePinFile, .toolVersions, .rustToolchainTOML: nil
        }
    }

    /// True for lock files: their versions are what runs, and win over a manifest's ranges when the
    /// inventory merges the two.
    public var isLockFile: Bool {
        switch self {
        case .packageLock, .yarnLock, .pnpmLock, .poetryLock, .uvLock, .cargoLock, .swiftResolved: true
        default: false
        }
    }
}
