/// The documented, stable views that declarative query commands read (`docs/commands.md`).
///
/// Commands written by platform teams depend on these names and columns, not on the tables
/// behind them, so the tables can change without breaking anyone's command. A column is only
/// ever added, in a new migration (``CatalogMigrations``); none is renamed or removed.
public enum CatalogViews {
    /// The view names, for documentation and checks.
    public static let names = ["catalog_entities", "catalog_relations", "catalog_groups", "catalog_memberships", "catalog_findings"]
}
