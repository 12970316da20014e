import Foundation

/// The staleness rule on its own, apart from git and files, so that it reads as the policy says.
enum StalenessRule {
    /// Whole days from the docs change to the code change when the code changed after the docs
    /// (by commits landed, not by dates alone: a commit dated after the docs but merged before
    /// them is not ahead), else 0.
    static func codeDaysAhead(docs: GitCommitStamp?, code: GitCommitStamp?, codeCommitsSinceDocs: Int) -> Int {
        guard codeCommitsSinceDocs > 0, let code else { return 0 }
        guard let docs else { return 0 }
        let seconds = code.date.timeIntervalSince(docs.date)
        return seconds > 0 ? Int(seconds / 86_400) : 0
    }

    /// The reasons the docs are stale under `policy`; empty when they are fresh.
    static func staleReasons(codeCommitsSinceDocs: Int, codeDaysAheadOfDocs: Int, policy: DocsFreshnessPolicy) -> [String] {
        var reasons: [String] = []
        if codeCommitsSinceDocs > policy.maxCodeCommits {
            let count = codeCommitsSinceDocs >= GitHistory.maxCountedCommits ? "\(codeCommitsSinceDocs)+" : "\(codeCommitsSinceDocs)"
            reasons.append("\(count) code commits landed since the docs last changed (limit \(policy.maxCodeCommits))")
        }
        if codeDaysAheadOfDocs > policy.maxCodeDays {
            reasons.append("the code changed \(codeDaysAheadOfDocs) days after the docs last did (limit \(policy.maxCodeDays))")
        }
        return reasons
    }
}
