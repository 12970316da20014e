import Foundation

/// Backstage's field-format rules (`makeValidator` in `@backstage/catalog-model`), written as
/// character checks rather than regular expressions: they run for every field of every entity on
/// every ingest, and the rules are simple enough to read this way.
enum FieldFormats {
    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
    private static func isLowerAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A)
    }

    /// Entity names, label values and link icons: 1–63 characters, `[A-Za-z0-9]` at both ends and
    /// `[-A-Za-z0-9_.]` inside.
    static func isValidObjectName(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (1...63).contains(bytes.count), isAlphanumeric(bytes[0]), isAlphanumeric(bytes[bytes.count - 1]) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// Namespaces and the labels of DNS names: 1–63 characters of `[a-z0-9]` separated by runs of `-`.
    /// Consecutive dashes are accepted, as `@backstage/catalog-model` 1.5 does.
    static func isValidDNSLabel(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (1...63).contains(bytes.count), isLowerAlphanumeric(bytes[0]), isLowerAlphanumeric(bytes[bytes.count - 1]) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A DNS subdomain: DNS labels joined by `.`, at most 253 characters.
    static func isValidDNSSubdomain(_ value: String) -> Bool {
        guard (1...253).contains(value.utf8.count) else { return false }
        return value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isValidDNSLabel(String($0)) }
    }

    /// `kind`: a letter, then letters and digits, 1–63 characters.
    static func isValidKind(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        let first = bytes[0]
        guard (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) else { return false }
        return bytes.allSatisfy(isAlphanumeric)
    }

    /// `apiVersion`: `[<dns-subdomain>/]<1–63 letters and digits>`; a second `/` is invalid.
    static func isValidAPIVersion(_ value: String) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let version: Substring
        switch parts.count {
        case 1: version = parts[0]
        case 2:
            guard isValidDNSSubdomain(String(parts[0])) else { return false }
            version = parts[1]
        default: return false
        }
        return (1...63).contains(version.utf8.count) && version.utf8.allSatisfy(isAlphanumeric)
    }

    /// Label and annotation keys: an optional `<dns-subdomain>/` prefix and an object-name part.
    static func isValidMetadataKey(_ value: String) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isValidObjectName(value)
        case 2: return isValidDNSSubdomain(String(parts[0])) && isValidObjectName(String(parts[1]))
        default: return false
        }
    }

    /// Label values: empty, or the object-name rule.
    static func isValidLabelValue(_ value: String) -> Bool {
        value.isEmpty || isValidObjectName(value)
    }

    /// Tags: 1–63 characters of `[a-z0-9:+#]` in runs joined by single `-`.
    static func isValidTag(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        var previousWasDash = true  // a leading dash is as invalid as a doubled one
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                if previousWasDash { return false }
                previousWasDash = true
            } else if isLowerAlphanumeric(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "#") {
                previousWasDash = false
            } else {
                return false
            }
        }
        return !previousWasDash
    }

    /// Link URLs: anything an URL parser accepts with a scheme, as JavaScript's `new URL()` requires.
    static func isValidURL(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":"), colon != value.startIndex else { return false }
        let scheme = value[..<colon].utf8
        guard let first = scheme.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) else { return false }
        guard scheme.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) else {
            return false
        }
        return URL(string: value) != nil && !value.contains(" ")
    }
}
