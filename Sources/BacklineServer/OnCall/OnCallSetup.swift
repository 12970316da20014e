import Catalog
import ChatOps
import Foundation
import GRDB
import Logging
import OnCall

/// Reads the rotation files and configures the pagers.
public enum OnCallSetup {
    /// The goalie directory `backline ask` uses: rotations next to the catalogs given (or the demo
    /// catalog), overrides in the `--db` file when there is one, pagers from the environment.
    public static func directory(
        database path: String?, catalogs: [String], catalog: CatalogStore, paths: BacklinePaths = .discover(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> GoalieDirectory {
        var configuration = BacklineConfiguration(paths: paths)
        configuration.applySecrets(from: environment)
        let store = try path.map { try OnCallStore(writer: SQLiteFile.open(path: $0)) } ?? OnCallStore.inMemory()
        let sources = !catalogs.isEmpty ? catalogs : path == nil ? [paths.demoCatalog.path] : []
        var logger = Logger(label: "backline.oncall")
        logger.logLevel = .warning  // the terminal shows answers; only problems go to stderr
        return directory(configuration: configuration, catalogSources: sources, catalog: catalog, store: store, logger: logger)
    }

    /// The goalie directory for a configuration. Rotation files come from `oncall.rotations`, else
    /// from a `rotations` folder inside each local catalog directory ingested at start-up.
    static func directory(configuration: BacklineConfiguration, catalogSources: [String], catalog: CatalogStore, store: OnCallStore, logger: Logger) -> GoalieDirectory {
        var folders: [URL] = []
        if let configured = configuration.oncall.rotationsDirectory {
            folders = [configured]
        } else {
            for source in catalogSources where !source.contains("://") && !source.hasPrefix("git") {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue {
                    folders.append(URL(fileURLWithPath: source).appendingPathComponent("rotations"))
                }
            }
        }
        var rotations: [Rotation] = []
        for folder in folders {
            let loaded = RotationFile.loadDirectory(folder)
            rotations += loaded.rotations
            // One bad file must not take the whole service down: its team just has no rotation.
            for error in loaded.errors { logger.error("rotation file not loaded: \(error)") }
        }
        var pagers: [any PagerClient] = []
        if let token = configuration.oncall.pagerDutyToken {
            pagers.append(PagerDutyClient(baseURL: configuration.oncall.pagerDutyURL, token: token))
        }
        if let key = configuration.oncall.opsgenieAPIKey {
            pagers.append(OpsgenieClient(baseURL: configuration.oncall.opsgenieURL, apiKey: key))
        }
        logger.info("goalie rotations loaded", metadata: ["teams": "\(rotations.map(\.team).joined(separator: ", "))", "pagers": "\(pagers.count)"])
        return GoalieDirectory(
            rotations: rotations, catalog: catalog, store: store, pagers: pagers,
            cacheTTL: configuration.oncall.pagerCacheSeconds, logger: logger)
    }
}
