import Logging

/// How the service logs (`logging:` in the configuration file).
public struct LoggingSettings: Sendable, Equatable {
    /// The shape of each line.
    public enum Format: String, Sendable, CaseIterable {
        /// Human-readable lines (swift-log's stream format).
        case text
        /// One JSON object per line (``JSONLogHandler``).
        case json
    }

    /// `logging.format`: text (default) or json.
    public var format: Format = .text
    /// `logging.level`: the lowest level written; info by default.
    public var level: Logger.Level = .info

    /// Text at info.
    public init() {}

    /// A handler factory for `LoggingSystem.bootstrap`: every line to standard error, in this format
    /// and at this level, with what `metadataProvider` adds (the trace ids when tracing is on).
    public func makeHandler(label: String, metadataProvider: Logger.MetadataProvider? = nil) -> any LogHandler {
        switch format {
        case .json:
            return JSONLogHandler(label: label, level: level, metadataProvider: metadataProvider)
        case .text:
            var handler = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
            handler.logLevel = level
            return handler
        }
    }
}
