import Catalog
import ChatOps
import Foundation
import Scaffolder

extension BacklineParts {
    /// `/template`'s desk: the configured template folders plus the catalog's Template entities,
    /// reloaded per command (template files are edited while Backline runs), and a runner whose
    /// `catalog:register` ingests into this deployment's catalog and whose runs are kept.
    static func templateDesk(configuration: BacklineConfiguration, database: BacklineDatabase, catalogSources: [String]) -> TemplateDesk {
        let folders = configuration.templateDirectories
        let roots = catalogSources.filter { !$0.contains("://") }.map { URL(fileURLWithPath: $0) }
        let catalog = database.catalog
        return TemplateDesk(
            library: {
                var library = TemplateLibrary.load(folders: folders)
                await library.addCatalogTemplates(from: catalog, roots: roots)
                return library
            },
            runner: TemplateRunner(services: .backline(catalog: catalog, configuration: configuration), catalog: PickerCatalog(store: catalog), store: database.scaffolder))
    }
}
