#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory walk that finds manifest files, with `opendir`/`readdir` and `lstat` only: it is
/// most of a no-change harvest, so it stays cheap, and it never follows a symbolic link (a link could
/// lead out of the component, or loop).
enum ManifestWalk {
    /// Folders that hold installed or generated code, never the component's own manifests.
    static let skippedDirectories: Set<String> = [
        "node_modules", ".git", ".hg", ".svn", "vendor", "target", "build", ".build", "dist", ".gradle",
        ".venv", "venv", "__pycache__", ".tox", "bower_components", "Pods", ".idea", ".swiftpm",
    ]

    static func discover(root: String, limits: ManifestLimits) -> ManifestDiscovery {
        var result = ManifestDiscovery()
        var pending: [(path: String, relative: String, depth: Int)] = [(root, "", 0)]
        var entries = 0
        var reportedDepth = false
        walk: while let current = pending.popLast() {
            guard let handle = opendir(current.path) else {
                if !current.relative.isEmpty {
                    result.problems.append(ManifestProblem(
                        location: ManifestLocation(file: current.relative), message: "folder could not be read"))
                }
                continue
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                entries += 1
                if entries > limits.maximumEntries {
                    result.problems.append(ManifestProblem(
                        location: ManifestLocation(file: current.relative.isEmpty ? "." : current.relative),
                        message: "more than \(limits.maximumEntries) files and folders; the rest were not searched"))
                    break walk
                }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                    String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name != ".", name != ".." else { continue }
                let path = current.path == "/" ? "/\(name)" : "\(current.path)/\(name)"
                let relative = current.relative.isEmpty ? name : "\(current.relative)/\(name)"
                var info = stat()
                // lstat, not stat: a link is seen as a link and skipped.
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    guard !skippedDirectories.contains(name) else { continue }
                    guard current.depth < limits.maximumDepth else {
                        if !reportedDepth {
                            reportedDepth = true
                            result.problems.append(ManifestProblem(
                                location: ManifestLocation(file: relative),
                                message: "folders deeper than \(limits.maximumDepth) levels were not searched"))
                        }
                        continue
                    }
                    pending.append((path, relative, current.depth + 1))
                case S_IFREG:
                    guard ManifestKind.detect(name) != nil else { continue }
                    // `*.versions.toml` counts only in a `gradle` folder, where Gradle looks for catalogs.
                    if ManifestKind.detect(name) == .gradleVersionCatalog, !current.relative.hasSuffix("gradle"),
                       current.relative != "gradle" { continue }
                    guard result.files.count < limits.maximumFiles else {
                        result.problems.append(ManifestProblem(
                            location: ManifestLocation(file: relative),
                            message: "more than \(limits.maximumFiles) manifest files; the rest were not read"))
                        break walk
                    }
                    result.files.append(relative)
                default:
                    continue
                }
            }
        }
        result.files.sort()
        return result
    }
}
