import Catalog
import ChatOps
import Foundation
import GRDB
import Logging
import OnCall

/// Reads the rotation files and configures the pagers.
public enum OnCallSetup {
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
            pagers.append(PagerDutyClient(baseURL: configuration.oncall.pagerDutyURL, token: token, transport: AsyncHTTPPagerTransport()))
        }
        if let key = configuration.oncall.opsgenieAPIKey {
            pagers.append(OpsgenieClient(baseURL: configuration.oncall.opsgenieURL, apiKey: key, transport: AsyncHTTPPagerTransport()))
        }
        logger.info("goalie rotations loaded", metadata: ["teams": "\(rotations.map(\.team).joined(separator: ", "))", "pagers": "\(pagers.count)"])
        return GoalieDirectory(
            rotations: rotations, catalog: catalog, store: store, pagers: pagers,
            cacheTTL: configuration.oncall.pagerCacheSeconds, logger: logger)
    }
}
