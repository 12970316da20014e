import Foundation

/// A `backstage.io/source-location` that names a git repository: the clone address, the branch
/// when the URL names one, and the folder inside the repository.
///
/// Only remote addresses are accepted (`https://`, `ssh://`, `git@host:path`), ending in `.git` or
/// written the way GitHub writes a folder (`…/tree/<branch>/<path>`). The annotation is untrusted:
/// a local path, `file://`, git's `ext::` transports, an address that could be read as an option,
/// and a folder that climbs out of the repository are all refused, so an annotation can never make
/// the harvest read a folder of the server's own disk.
public struct GitSourceLocation: Sendable, Hashable {
    /// The address `git clone` is given.
    public var repository: String
    /// The branch (or tag) to check out; nil for the remote's default branch.
    public var branch: String?
    /// The folder inside the repository, relative, without `..`; `""` for the repository root.
    public var path: String

    /// The annotation that says where a component's source code is.
    public static let annotation = "backstage.io/source-location"

    /// Creates a location.
    public init(repository: String, branch: String?, path: String) {
        self.repository = repository
        self.branch = branch
        self.path = path
    }

    /// Reads an annotation value (`url:https://github.com/acme/api/tree/main/services/api`); nil
    /// when it is not the address of a git repository in a shape accepted here.
    public init?(annotation value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("url:") else { return nil }
        var address = String(trimmed.dropFirst(4))
        // Control characters, spaces and backslashes have no place in a clone address and are how
        // option and argument smuggling usually starts.
        guard !address.isEmpty, address.count <= 2048,
              !address.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" })
        else { return nil }
        let lowered = address.lowercased()
        let remote = lowered.hasPrefix("https://") || lowered.hasPrefix("ssh://") || lowered.hasPrefix("git@")
        guard remote, Self.hostIsSafe(address) else { return nil }
        var branch: String?
        var path = ""
        if let range = address.range(of: "/tree/") {
            // GitHub's folder address: …/owner/repo/tree/<branch>/<path>. A branch with slashes is
            // ambiguous in this form; like GitHub's own links, the first segment is taken.
            let rest = address[range.upperBound...].split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard let first = rest.first else { return nil }
            branch = first
            path = rest.dropFirst().joined(separator: "/")
            address = String(address[..<range.lowerBound])
        } else {
            while address.hasSuffix("/") { address.removeLast() }
            guard address.lowercased().hasSuffix(".git") else { return nil }
        }
        while address.hasSuffix("/") { address.removeLast() }
        if let branch, !Self.isSafeBranch(branch) { return nil }
        let parts = path.split(separator: "/")
        guard !parts.contains(where: { $0 == ".." || $0 == "." }), !path.hasPrefix("/") else { return nil }
        guard address.count > "git@".count else { return nil }
        repository = address
        self.branch = branch
        self.path = parts.joined(separator: "/")
    }

    /// A host that starts with `-` would be read by ssh as an option.
    private static func hostIsSafe(_ address: String) -> Bool {
        var rest = Substring(address)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let at = rest.firstIndex(of: "@"), rest[..<at].allSatisfy({ $0 != "/" }) { rest = rest[rest.index(after: at)...] }
        return !rest.hasPrefix("-") && !rest.isEmpty
    }

    /// Letters, digits and `._-/`, not starting with `-` and without `..`: a name git accepts as a
    /// branch that cannot be read as an option or a refspec (`a:b`).
    static func isSafeBranch(_ branch: String) -> Bool {
        !branch.isEmpty && branch.count <= 255 && !branch.hasPrefix("-") && !branch.contains("..")
            && branch.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-/".unicodeScalars.contains($0)) }
    }
}
