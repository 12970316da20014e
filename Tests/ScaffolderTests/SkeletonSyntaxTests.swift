import Catalog
import Testing

@testable import Scaffolder

@Suite("Skeleton syntax: tags, comments, whitespace control")
struct SkeletonSyntaxTests {
    let values: [String: JSONValue] = [
        "values": .object(["name": "queue-api", "kind": "service", "items": .array(["a", "b"]), "empty": .array([]), "description": ""])
    ]

    @Test("if / elif / else / endif")
    func conditionals() throws {
        let text = "{% if values.kind == 'library' %}lib{% elif values.kind == 'service' %}svc{% else %}other{% endif %}"
        #expect(try render(text, values) == "svc")
        #expect(try render("{% if values.description %}has{% else %}none{% endif %}", values) == "none")
        #expect(try render("{% if values.missing %}x{% endif %}!", values) == "!")
    }

    @Test("for loops, loop variables, else for an empty list, key/value pairs")
    func loops() throws {
        #expect(try render("{% for x in values.items %}${{ loop.index }}:${{ x }}{% if not loop.last %},{% endif %}{% endfor %}", values) == "1:a,2:b")
        #expect(try render("{% for x in values.empty %}${{ x }}{% else %}nothing{% endfor %}", values) == "nothing")
        #expect(try render("{% for k, v in {b: 2, a: 1} %}${{ k }}=${{ v }};{% endfor %}") == "a=1;b=2;")
    }

    @Test("set assigns; inside a loop it stays in the loop")
    func set() throws {
        #expect(try render("{% set slug = values.name | replace('-', '_') %}${{ slug }}", values) == "queue_api")
        #expect(try render("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}${{ x }}") == "1")
    }

    @Test("whitespace control strips on the side of the dash only")
    func whitespace() throws {
        let text = "a:\n  {%- if true %}\n  b\n  {%- endif %}\nc"
        #expect(try render(text) == "a:\n  b\nc")
        #expect(try render("x   {{- kept }}") == "x   {{- kept }}")
        #expect(try render("1 {%- if true -%} 2 {%- endif -%} 3") == "123")
        #expect(try render("v = ${{- ' x ' -}} .") == "v = x .")
    }

    @Test("comments vanish; raw keeps delimiters")
    func commentsAndRaw() throws {
        #expect(try render("a{# a note ${{ broken #}b") == "ab")
        #expect(try render("{% raw %}${{ values.name }}{% endraw %}", values) == "${{ values.name }}")
    }

    @Test("plain {{ x }} is left alone; cookiecutter mode renders it")
    func plainBraces() throws {
        let workflow = "run: echo ${{ values.name }} {{ github.sha }} ${ HOME }"
        #expect(try render(workflow, values) == "run: echo queue-api {{ github.sha }} ${ HOME }")
        #expect(try render("{{ cookiecutter.name | jsonify }}", ["cookiecutter": .object(["name": "x"])], cookiecutter: true) == "\"x\"")
    }

    @Test("unknown tags, unclosed blocks and stray ends name their position")
    func errors() throws {
        let unknown = try #require(throws: TemplateError.self) { try render("ok\n  {% include 'x' %}") }
        #expect(unknown.description == "t.txt:2:6: unknown tag \"include\"")
        let unclosed = try #require(throws: TemplateError.self) { try render("{% if true %}never closed") }
        #expect(unclosed.message.contains("endif"))
        let stray = try #require(throws: TemplateError.self) { try render("x {% endfor %}") }
        #expect(stray.position == SourcePosition(line: 1, column: 6))
        let loop = try #require(throws: TemplateError.self) { try render("{% for x of xs %}{% endfor %}") }
        #expect(loop.message.contains("\"in\""))
    }
}
