import Catalog
import Foundation
import Scaffolder

extension ScaffolderServices {
    /// The services a deployment's template runs use: its catalog (register, fetch) and GitHub as
    /// configured, its API reached over AsyncHTTPClient.
    public static func backline(catalog: CatalogStore, configuration: BacklineConfiguration) -> ScaffolderServices {
        var services = ScaffolderServices.catalog(catalog)
        services.github = GitHubConnection(settings: configuration.scaffolder.github, transport: AsyncHTTPGitHubTransport())
        return services
    }
}
