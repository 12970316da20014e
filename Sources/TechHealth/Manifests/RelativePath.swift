/// Paths relative to the component folder, joined and normalised without touching the disk.
enum RelativePath {
    /// `directory/path` with `.` and `..` folded; nil when the result would leave the folder.
    static func join(_ directory: String, _ path: String) -> String? {
        var parts = directory.split(separator: "/").map(String.init)
        for part in path.split(separator: "/") {
            switch part {
            case ".", "": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
