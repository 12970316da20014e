import Catalog
import ChatOps
import Foundation
import Logging
import Scaffolder
import Slack

extension BacklineParts {
    /// `/template`'s desk: the configured template folders plus the catalog's Template entities,
    /// reloaded per command (template files are edited while Backline runs), and a runner whose
    /// `catalog:register` ingests into this deployment's catalog and whose runs are kept.
    /// With `slack` (a bot token), real runs asked for in a Slack channel show their progress in a
    /// thread there.
    static func templateDesk(
        configuration: BacklineConfiguration, database: BacklineDatabase, catalogSources: [String], slack: SlackWebAPIClient? = nil,
        logger: Logger = Logger(label: "backline")
    ) -> TemplateDesk {
        let folders = configuration.templateDirectories
        let roots = catalogSources.filter { !$0.contains("://") }.map { URL(fileURLWithPath: $0) }
        let catalog = database.catalog
        return TemplateDesk(
            library: {
                var library = TemplateLibrary.load(folders: folders)
                await library.addCatalogTemplates(from: catalog, roots: roots)
                return library
            },
            runner: TemplateRunner(services: .backline(catalog: catalog, configuration: configuration), catalog: PickerCatalog(store: catalog), store: database.scaffolder),
            watch: { invocation, template in
                guard let slack, invocation.source == .slackHTTP || invocation.source == .slackSocketMode, let channel = invocation.channelID else { return nil }
                return SlackRunThread(webAPI: slack, channel: channel, userID: invocation.caller.userID, templateTitle: template.displayName, logger: logger).watch
            })
    }
}
