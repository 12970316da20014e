import Catalog
import Foundation

/// The templates Backline offers: every `template.yaml` under the configured folders (by default
/// `config/templates/`), plus `Template` entities in the catalog whose files are on this machine.
/// A file that cannot be used is reported, not fatal: the others still load.
public struct TemplateLibrary: Sendable {
    /// The templates, by name (the first one wins when two share a name).
    public var templates: [Template]
    /// Files that could not be used.
    public var problems: [TemplateLoadError]

    /// How deep the folder walk goes; template collections are two or three levels deep.
    static let maxDepth = 6

    /// Creates a library of already loaded templates.
    public init(templates: [Template], problems: [TemplateLoadError] = []) {
        self.templates = templates
        self.problems = problems
    }

    /// Loads every `template.yaml`/`template.yml` under `folders`; each folder is the root its
    /// templates' relative URLs may not leave.
    public static func load(folders: [URL]) -> TemplateLibrary {
        var library = TemplateLibrary(templates: [])
        for folder in folders {
            for file in templateFiles(under: folder) {
                library.add(origin: TemplateOrigin(file: file, root: folder))
            }
        }
        return library
    }

    /// Adds the catalog's `Template` entities read from local files; the catalog source roots
    /// (`roots`) bound where their URLs may reach, else the template's own folder does.
    public mutating func addCatalogTemplates(from store: CatalogStore, roots: [URL]) async {
        guard let stored = try? await store.entities(ofKinds: ["Template"]) else { return }
        for entity in stored where entity.sourcePath.hasPrefix("/") {
            guard !templates.contains(where: { $0.name.lowercased() == entity.entity.metadata.name.lowercased() }) else { continue }
            let file = URL(fileURLWithPath: entity.sourcePath)
            let root = roots.map(\.standardizedFileURL).filter { file.path.hasPrefix($0.path.hasSuffix("/") ? $0.path : $0.path + "/") }
                .max { $0.path.count < $1.path.count }
            // The file may hold several documents; the template is the one the entity came from.
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let documents = text.components(separatedBy: "\n---")
            for document in documents where document.contains("kind: Template") && document.contains(entity.entity.metadata.name) {
                add(text: document, origin: TemplateOrigin(file: file, root: root))
                break
            }
        }
    }

    /// Loads one file (a path the operator chose).
    public static func load(file: URL) throws -> Template {
        try Template(origin: TemplateOrigin(file: file))
    }

    /// The template named `name` (case-insensitively).
    public func template(named name: String) -> Template? {
        templates.first { $0.name.lowercased() == name.lowercased() }
    }

    private mutating func add(origin: TemplateOrigin) {
        do {
            insert(try Template(origin: origin))
        } catch let error as TemplateLoadError {
            problems.append(error)
        } catch let error as TemplateError {
            problems.append(TemplateLoadError(file: error.file, message: error.message, position: error.position))
        } catch {
            problems.append(TemplateLoadError(file: origin.displayName, message: "\(error)"))
        }
    }

    private mutating func add(text: String, origin: TemplateOrigin) {
        do {
            insert(try Template(text: text, origin: origin))
        } catch let error as TemplateLoadError {
            problems.append(error)
        } catch let error as TemplateError {
            problems.append(TemplateLoadError(file: error.file, message: error.message, position: error.position))
        } catch {
            problems.append(TemplateLoadError(file: origin.displayName, message: "\(error)"))
        }
    }

    private mutating func insert(_ template: Template) {
        if templates.contains(where: { $0.name.lowercased() == template.name.lowercased() }) {
            problems.append(TemplateLoadError(file: template.origin.displayName, message: "another template is already named \(template.name); this one is ignored"))
        } else {
            templates.append(template)
        }
    }

    /// `template.yaml` files under `folder`, sorted, not following links, not descending into a
    /// template's own folders (skeletons may hold files of any name).
    static func templateFiles(under folder: URL) -> [URL] {
        var found: [URL] = []
        var pending: [(URL, Int)] = [(folder, 0)]
        while let next = pending.popLast() {
            let (directory, depth) = next
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            if let name = ["template.yaml", "template.yml"].first(where: { names.contains($0) }) {
                found.append(directory.appendingPathComponent(name))
                continue
            }
            guard depth < maxDepth else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let url = directory.appendingPathComponent(name)
                let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
                if type == .typeDirectory { pending.append((url, depth + 1)) }
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
