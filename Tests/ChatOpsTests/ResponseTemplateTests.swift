import Catalog
import ChatOps
import Testing

@Suite("Response templates for declarative commands")
struct ResponseTemplateTests {
    let data: JSONValue = .object([
        "count": .number(2),
        "stage": "deprecated",
        "rows": .array([
            .object(["name": "radio-station-service", "owner": "team-legacy-radio", "missing": .number(1), "url": "https://x.example/r"]),
            .object(["name": "legacy-invoice-job", "owner": "Payments", "missing": .number(0), "url": .null]),
        ]),
    ])

    @Test("Sections repeat rows, inverted sections show when empty, standalone tags leave no lines")
    func rendersSections() throws {
        let template = try ResponseTemplate("""
            # {{count}} {{stage}}
            {{#rows}}
            - {{name}} ({{owner}}){{#missing}} missing{{/missing}}
            {{/rows}}
            {{^rows}}
            none
            {{/rows}}
            """)
        let text = template.render(data).map { segment -> String in
            switch segment {
            case .literal(let text), .value(let text): text
            }
        }.joined()
        #expect(text == "# 2 deprecated\n- radio-station-service (team-legacy-radio) missing\n- legacy-invoice-job (Payments)\n")
    }

    @Test("Markup becomes blocks, and values are never read as markup")
    func markupBecomesBlocks() throws {
        let template = try ResponseTemplate("# Title {{stage}}\n{{#rows}}\n- `{{name}}` owner **{{owner}}** {{url}}\n{{/rows}}\n> small print")
        let hostile: JSONValue = .object(["stage": "**not bold**", "rows": .array([.object(["name": "a`b", "owner": "# x", "url": "https://x.example/r"])])])
        let blocks = template.blocks(hostile)
        #expect(blocks == [
            .header("Title **not bold**"),
            .list(title: nil, items: [RichText([.code("a`b"), .text(" owner "), .bold("# x"), .text(" "), .link(url: "https://x.example/r", label: "https://x.example/r")])], more: 0),
            .context("small print"),
        ])
    }

    @Test("Unbalanced sections are syntax errors")
    func syntaxErrors() {
        #expect(throws: ResponseTemplate.SyntaxError.self) { try ResponseTemplate("{{#rows}}x") }
        #expect(throws: ResponseTemplate.SyntaxError.self) { try ResponseTemplate("{{#rows}}x{{/row}}") }
        #expect(throws: ResponseTemplate.SyntaxError.self) { try ResponseTemplate("{{name") }
    }
}
