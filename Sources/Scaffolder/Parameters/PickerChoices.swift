import Catalog
import Foundation

extension ParameterForm.Field {
    /// Whether the field picks a catalog entity (`OwnerPicker`, `EntityPicker`,
    /// `OwnedEntityPicker`, `MyGroupsPicker`), so a form can offer a list instead of free text.
    public var picksEntity: Bool {
        ["OwnerPicker", "EntityPicker", "OwnedEntityPicker", "MyGroupsPicker"].contains(picker ?? "")
    }

    /// The entities an entity picker offers: the kinds and `catalogFilter` of its `ui:options`,
    /// as ``ParameterForm/prepare(_:catalog:)`` checks them, sorted by ref. Empty for other fields.
    public func pickerChoices(in catalog: PickerCatalog) async throws -> [Entity] {
        guard picksEntity, let picker else { return [] }
        let options = schema["ui:options"] ?? .object([:])
        let defaultKinds: [String] = picker == "OwnerPicker" || picker == "MyGroupsPicker" ? ["Group", "User"] : []
        let filters = Pickers.filters(options, defaultKinds: defaultKinds)
        let kinds = Pickers.kinds(in: filters) ?? ["Component", "API", "Resource", "System", "Domain", "Group", "User", "Template"]
        let candidates = try await catalog.entities(ofKinds: kinds)
        return candidates.filter { entity in filters.contains { Pickers.matches(entity.document, filter: $0) } }
            .sorted { $0.ref.description < $1.ref.description }
    }
}
