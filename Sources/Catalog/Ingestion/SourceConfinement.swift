#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory a catalog source's files must stay inside, and the checks that keep them there.
///
/// Catalog files are untrusted (anyone who can commit to a catalog repository writes them), so a
/// path they name (a placeholder, a Location target) is refused when it is absolute, when `..`
/// climbs out of the root, or when a symbolic link anywhere on the way leads out of it. The last
/// check compares real paths, so it holds whatever the links are called.
struct SourceConfinement: Sendable {
    /// Why a path was refused. The reasons name no file content, only what was wrong with the path.
    enum Refusal: Error, Equatable {
        case absolute
        case leavesRoot
        case linksOutside

        var reason: String {
            switch self {
            case .absolute: "absolute paths are not read; name files relative to the catalog file"
            case .leavesRoot: "`..` leads out of the source's directory"
            case .linksOutside: "a symbolic link leads out of the source's directory"
            }
        }
    }

    /// The root, normalised (no `.`, `..` or trailing `/`).
    let root: String
    /// The root with every symbolic link resolved; nil when it does not exist.
    let realRoot: String?

    init(root: String) {
        self.root = Self.normalized(root)
        realRoot = Self.realPath(root)
    }

    /// Where `reference` lands when read from `directory`, by names alone: refused when absolute or
    /// when `..` climbs out of the root. The path may not exist.
    func lexicalPath(of reference: String, from directory: String) -> Result<String, Refusal> {
        guard !reference.hasPrefix("/") else { return .failure(.absolute) }
        let path = Self.normalized(directory + "/" + reference)
        return Self.isInside(path, root) ? .success(path) : .failure(.leavesRoot)
    }

    /// The real path of `path`, refused when links lead it out of the root; nil when it does not
    /// exist (or the root does not).
    func realPath(of path: String) -> Result<String?, Refusal> {
        guard let realRoot, let real = Self.realPath(path) else { return .success(nil) }
        return Self.isInside(real, realRoot) ? .success(real) : .failure(.linksOutside)
    }

    /// `path` (a real path inside the root) relative to the real root, for messages.
    func display(real path: String) -> String {
        guard let realRoot, Self.isInside(path, realRoot), path != realRoot else { return path }
        return String(path.dropFirst(realRoot == "/" ? 1 : realRoot.count + 1))
    }

    /// Whether `path` is `root` or below it (both normalised).
    static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    /// `path` with symbolic links, `.` and `..` resolved by the operating system; nil when it does
    /// not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// An absolute path with `.`, `..` and repeated `/` removed by name, without touching the disk
    /// (Foundation's standardising differs between platforms, and a lexical check must be exact).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
