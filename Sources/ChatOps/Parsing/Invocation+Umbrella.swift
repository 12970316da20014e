extension Invocation {
    /// The command name of the umbrella form, for workspaces that install one slash command.
    public static let umbrellaCommand = "backline"

    /// `/backline owner playlist-api` read as `/owner playlist-api`; a bare `/backline` is
    /// `/help`. Other invocations are returned unchanged.
    public func resolvingUmbrella() -> Invocation {
        guard command == Self.umbrellaCommand else { return self }
        let words = text.split(maxSplits: 1, whereSeparator: \.isWhitespace)
        var resolved = self
        resolved.command = words.first.map { String($0.drop { $0 == "/" }).lowercased() } ?? "help"
        if resolved.command.isEmpty { resolved.command = "help" }
        resolved.text = words.count > 1 ? String(words[1]).trimmingWhitespace() : ""
        return resolved
    }
}
