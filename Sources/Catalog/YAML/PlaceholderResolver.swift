import Foundation

/// Resolves Backstage's `$text`, `$json` and `$yaml` placeholders against the directory of the file
/// that holds them, reading only inside the catalog source the file came from.
///
/// Catalog files are untrusted, so a placeholder may not name an absolute path, climb out of the
/// source root with `..` or leave it through a symbolic link; it reads regular files only, at most
/// ``PlaceholderLimits/maxFileSize`` bytes, and `$yaml` files include one another at most
/// ``PlaceholderLimits/maxIncludeDepth`` deep and never in a cycle. Refusals never quote what was
/// refused.
///
/// Remote URLs are not fetched: Backline reads catalogs from disk and git, so a URL placeholder is
/// a warning on its field and the URL itself is kept as the value, so the entity is not lost.
struct PlaceholderResolver: Sendable {
    enum Directive: String {
        case text = "$text"
        case json = "$json"
        case yaml = "$yaml"
    }

    struct Failure: Error {
        let message: String
        /// Whether the entity must be rejected (a missing local file) or only warned about.
        let isFatal: Bool
        /// The value to use in place of the placeholder.
        let fallback: JSONValue
    }

    /// A file a placeholder may use, read.
    struct Loaded {
        /// Its content.
        let text: String
        /// Resolves the placeholders inside it, when it is a `$yaml` document.
        let nested: PlaceholderResolver
    }

    /// The directory relative references resolve against.
    let baseDirectory: String
    /// The source root nothing may be read outside of.
    let root: String
    /// The descriptor holding the placeholders, when known, so that including itself is a cycle.
    let descriptor: String?
    /// Real paths of the `$yaml` files being included, outermost first.
    let including: [String]

    /// A resolver for the placeholders of a descriptor in `baseDirectory`.
    init(baseDirectory: String, root: String, descriptor: String? = nil) {
        self.init(baseDirectory: baseDirectory, root: root, descriptor: descriptor, including: [])
    }

    private init(baseDirectory: String, root: String, descriptor: String?, including: [String]) {
        self.baseDirectory = baseDirectory
        self.root = root
        self.descriptor = descriptor
        self.including = including
    }

    /// ` (in shared/more.yaml)` for placeholders inside an included file, so that problems say which
    /// file holds the offending line; empty in the descriptor itself.
    var whereabouts: String {
        guard let last = including.last else { return "" }
        return " (in \(SourceConfinement(root: root).display(real: last)))"
    }

    func resolve(_ directive: Directive, _ reference: String) -> Result<Loaded, Failure> {
        if let scheme = reference.split(separator: ":", maxSplits: 1).first, reference.contains("://") {
            return .failure(Failure(
                message: "\(directive.rawValue) \(reference) was not fetched (\(scheme) placeholders are not read; the URL is kept as the value)",
                isFatal: false, fallback: .string(reference)))
        }
        func refuse(_ message: String) -> Result<Loaded, Failure> {
            .failure(Failure(message: "\(directive.rawValue) \(reference) \(message)", isFatal: true, fallback: .null))
        }
        let confinement = SourceConfinement(root: root)
        let path: String
        switch confinement.lexicalPath(of: reference, from: baseDirectory) {
        case .failure(let refusal): return refuse("is outside the catalog source (\(refusal.reason))")
        case .success(let lexical): path = lexical
        }
        let real: String
        switch confinement.realPath(of: path) {
        case .failure(let refusal): return refuse("is outside the catalog source (\(refusal.reason))")
        case .success(nil): return refuse("cannot be read: \(path) does not exist")
        case .success(let resolved?): real = resolved
        }
        if directive == .yaml {
            let chain = (descriptor.flatMap(SourceConfinement.realPath).map { [$0] } ?? []) + including
            if chain.contains(real) {
                let names = (chain.drop(while: { $0 != real }) + [real]).map(confinement.display(real:))
                return refuse("includes a file that is already being included (\(names.joined(separator: " → ")))")
            }
            if including.count >= PlaceholderLimits.maxIncludeDepth {
                return refuse("nests included files more than \(PlaceholderLimits.maxIncludeDepth) deep")
            }
        }
        let bytes: [UInt8]
        switch FileSystem.readPrefix(of: real, count: PlaceholderLimits.maxFileSize + 1) {
        case .failure(.missing): return refuse("cannot be read: \(path) does not exist")
        case .failure(.notRegularFile): return refuse("is not a regular file")
        case .failure(.unreadable(let code)): return refuse("cannot be read: \(String(cString: strerror(code)))")
        case .success(let read): bytes = read
        }
        guard bytes.count <= PlaceholderLimits.maxFileSize else {
            return refuse("is larger than \(PlaceholderLimits.maxFileSize >> 20) MiB")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return refuse("is not UTF-8 text") }
        // Placeholders inside an included document resolve against its own directory.
        let nested = PlaceholderResolver(
            baseDirectory: String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]), root: root, descriptor: descriptor,
            including: including + [real])
        return .success(Loaded(text: text, nested: nested))
    }
}
