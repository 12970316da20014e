/// A credential: a token, API key, signing secret or webhook URL.
///
/// Its value never appears in a description, a debugger's output, `dump`, string interpolation or a
/// log line; code that needs it must ask for ``revealed`` by name, which makes every use easy to
/// find. Secrets come from the environment only, never from files or flags.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value itself, for the one header or signature computation that needs it.
    public let revealed: String

    /// Wraps a credential's value.
    public init(_ value: String) {
        revealed = value
    }

    /// A redaction marker that still tells people which kind of secret it is when the value
    /// carries a conventional prefix (`xoxb-`, `xapp-`, `ghp_`), never any part of the rest.
    public var description: String {
        let prefix = revealed.prefix { $0 != "-" && $0 != "_" }
        let separated = prefix.count < revealed.count
        return separated && prefix.count <= 5 && prefix.allSatisfy(\.isLetter)
            ? "\(prefix)\(revealed[prefix.endIndex])<redacted>" : "<redacted>"
    }

    /// The redacted description, for debugger output.
    public var debugDescription: String { "Secret(\(description))" }

    /// `dump` and `Mirror` see the redacted description only, not the stored value.
    public var customMirror: Mirror { Mirror(self, children: ["value": description], displayStyle: .struct) }

    /// Compares with `other` in time that depends only on the lengths, not on where they differ,
    /// so a caller guessing a token learns nothing from how long a refusal takes.
    public func constantTimeEquals(_ other: String) -> Bool {
        let left = Array(revealed.utf8)
        let right = Array(other.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
