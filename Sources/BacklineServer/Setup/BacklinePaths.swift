import Foundation

/// Where Backline finds its bundled data: the command specs (`commands/`) and the demo catalog
/// (`config/catalog`).
///
/// Looked up in order: `$BACKLINE_HOME`, the current directory, then the source tree this binary
/// was built from, so `swift run` works from anywhere in a checkout and an installed copy only
/// needs `BACKLINE_HOME`.
public struct BacklinePaths: Sendable {
    /// The directory holding `commands/` and `config/`.
    public var home: URL

    /// Uses `home` as given.
    public init(home: URL) {
        self.home = home
    }

    /// Finds the home directory.
    public static func discover(environment: [String: String] = ProcessInfo.processInfo.environment) -> BacklinePaths {
        var candidates: [URL] = []
        if let home = environment["BACKLINE_HOME"], !home.isEmpty { candidates.append(URL(fileURLWithPath: home)) }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        // Sources/BacklineServer/Setup/BacklinePaths.swift → the package root.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        let home = candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("commands").path) } ?? candidates[0]
        return BacklinePaths(home: home.standardizedFileURL)
    }

    /// The command specs.
    public var commands: URL { home.appendingPathComponent("commands") }
    /// The bundled demo catalog.
    public var demoCatalog: URL { home.appendingPathComponent("config/catalog") }
    /// The bundled golden-path templates.
    public var templates: URL { home.appendingPathComponent("config/templates") }
}
