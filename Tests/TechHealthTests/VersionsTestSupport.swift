import Foundation
import Testing
import TechHealth

/// Asserts that each version in `chain` sorts strictly before the next under `scheme`, both by
/// `compare` and by `<`, and that sorting a shuffled copy gives the chain back.
func expectAscending(_ chain: [String], in scheme: VersionScheme, sourceLocation: SourceLocation = #_sourceLocation) {
    let parsed = chain.map { scheme.parse($0) }
    for (text, version) in zip(chain, parsed) where version == nil {
        Issue.record("\(text) did not parse as \(scheme)", sourceLocation: sourceLocation)
    }
    let versions = parsed.compactMap { $0 }
    guard versions.count == chain.count else { return }
    for index in versions.indices.dropLast() {
        let (a, b) = (versions[index], versions[index + 1])
        #expect(a < b, "\(a) < \(b)", sourceLocation: sourceLocation)
        #expect(a.compare(b) == .orderedAscending, "\(a) compares before \(b)", sourceLocation: sourceLocation)
        #expect(b.compare(a) == .orderedDescending, "\(b) compares after \(a)", sourceLocation: sourceLocation)
    }
    #expect(scheme.sorted(chain.reversed()) == chain, sourceLocation: sourceLocation)
}

/// Asserts every pair in `versions` is equal under `scheme`.
func expectEqualVersions(_ versions: [String], in scheme: VersionScheme, sourceLocation: SourceLocation = #_sourceLocation) {
    for a in versions {
        for b in versions {
            #expect(scheme.compare(a, b) == .orderedSame, "\(a) == \(b)", sourceLocation: sourceLocation)
        }
    }
}
