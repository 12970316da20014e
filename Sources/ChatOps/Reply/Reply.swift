import Catalog

/// A platform-neutral answer: what handlers return and every renderer draws.
public struct Reply: Sendable, Hashable {
    /// Who sees the reply.
    public enum Visibility: String, Sendable, Hashable, Codable {
        /// Only the person who asked.
        case ephemeral
        /// Everyone in the conversation.
        case inChannel
    }

    /// Only the caller, or the whole channel.
    public var visibility: Visibility
    /// A one-line summary: notifications, fallbacks, logs.
    public var summary: String
    /// The layout.
    public var blocks: [ReplyBlock]
    /// The structured answer, for `--format json` and API clients; stable, documented keys.
    public var data: JSONValue
    /// A form the transport opens instead of showing the blocks, where it can (a Slack modal);
    /// transports without forms show the blocks, which say what to type instead.
    public var form: FormRequest?

    /// Creates a reply.
    public init(visibility: Visibility = .ephemeral, summary: String, blocks: [ReplyBlock], data: JSONValue) {
        self.visibility = visibility
        self.summary = summary
        self.blocks = blocks
        self.data = data
    }
}

/// A form a handler asks the transport to open for the person who asked.
public enum FormRequest: Sendable, Hashable {
    /// The parameters form of the template with this name.
    case template(name: String)
}

/// One element of a reply's layout.
public enum ReplyBlock: Sendable, Hashable {
    /// A title line.
    case header(String)
    /// A paragraph.
    case paragraph(RichText)
    /// Labelled values, shown as a grid where the platform can.
    case fields([ReplyField])
    /// A list; `more` counts items left out to keep the message within limits.
    case list(title: RichText?, items: [RichText], more: Int)
    /// Small print: provenance, hints, warnings about the data.
    case context(RichText)
    /// A separator between groups of blocks.
    case divider
    /// Buttons that run a follow-up command, such as the next page of a long list. Platforms
    /// without buttons show the command to type instead.
    case actions([ReplyAction])
    /// A picture of versions against teams or services: a PNG where the platform takes uploads,
    /// a text table elsewhere (see ``HeatmapTable``).
    case heatmap(Heatmap)
}

/// A button that runs a command line for the person who presses it (`/search api --page 2`).
public struct ReplyAction: Sendable, Hashable {
    /// The button's label.
    public var label: String
    /// The command line to run, exactly as a person would type it.
    public var commandLine: String

    /// Creates an action.
    public init(label: String, commandLine: String) {
        self.label = label
        self.commandLine = commandLine
    }
}

/// A labelled value in a ``ReplyBlock/fields(_:)`` block.
public struct ReplyField: Sendable, Hashable {
    /// The label, e.g. `Owner`.
    public var label: String
    /// The value.
    public var value: RichText

    /// Creates a field.
    public init(_ label: String, _ value: RichText) {
        self.label = label
        self.value = value
    }
}
