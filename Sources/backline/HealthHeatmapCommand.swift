import ArgumentParser
import BacklineServer
import ChatOps
import Foundation
import Logging

extension HealthCommand {
    /// `backline health heatmap PACKAGE|RUNTIME [--by team|service] [--png FILE]`.
    struct HeatmapPicture: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "heatmap",
            abstract: "Which versions of a package or runtime run where, as a table and optionally a PNG picture.",
            discussion: """
                Answers `/health heatmap` at the terminal through the same pipeline as chat: the \
                catalog is ingested and harvested (or read from --db), the versions in use are \
                measured against the configured release and end-of-life data, and the table is \
                printed. With --png the picture Slack would get is written to FILE.

                Examples:
                  backline health heatmap react
                  backline health heatmap nodejs --by team --png nodejs.png
                  backline health heatmap com.fasterxml.jackson.core:jackson-databind --db backline.sqlite
                """)

        @Argument(help: "A package as its ecosystem writes it (react, golang.org/x/net, group:artifact), or a runtime (nodejs, python, java).")
        var subject: String

        @Option(name: .long, help: "One row per service or per owning team.")
        var by: Rows = .service

        @Option(name: .long, help: ArgumentHelp("Write the heat map as a PNG picture to this file.", valueName: "file"))
        var png: String?

        @Option(name: .long, help: ArgumentHelp("YAML configuration file, as for serve.", valueName: "file"))
        var config: String?

        @OptionGroup var catalogOptions: CatalogOptions

        enum Rows: String, ExpressibleByArgument, CaseIterable { case service, team }

        func run() async throws {
            bootstrapStandardErrorLogging(level: .warning)
            let configuration = try catalogOptions.configuration(file: config)
            let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "backline.health"))
            let reply = await parts.answerer.answer(Invocation(commandLine: "/health heatmap \(subject) --by \(by.rawValue)"))
            let text = PlainTextRenderer.render(reply)
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            guard let png else { return }
            let map = reply.blocks.compactMap { block -> Heatmap? in
                if case .heatmap(let map) = block { return map }
                return nil
            }.first
            guard let map else { throw ExitCode(2) }
            let bytes = try HeatmapPNG.draw(map)
            try Data(bytes).write(to: URL(fileURLWithPath: png))
            FileHandle.standardError.write(Data("wrote \(png) (\(bytes.count) bytes)\n".utf8))
        }
    }
}
