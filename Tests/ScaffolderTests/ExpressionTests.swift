import Catalog
import Testing

@testable import Scaffolder

/// Renders `text` with the given variables.
func render(_ text: String, _ variables: [String: JSONValue] = [:], cookiecutter: Bool = false) throws -> String {
    try TextTemplate(text, file: "t.txt", cookiecutter: cookiecutter).render(variables)
}

/// The value of a whole-string expression, type kept.
func value(_ expression: String, _ variables: [String: JSONValue] = [:]) throws -> JSONValue? {
    let template = try TextTemplate("${{ \(expression) }}", file: "t.txt")
    return try template.evaluate(try #require(template.singleExpression()), variables)
}

let sample: [String: JSONValue] = [
    "parameters": .object([
        "name": "queue-api", "owner": "group:default/playback", "count": .number(3), "tags": .array(["a", "b", "c"]),
        "repoUrl": "github.com?owner=tempo-music&repo=queue-api", "empty": "", "flag": .bool(true),
        "nested": .object(["deep": .object(["value": "x"])]),
    ])
]

@Suite("The ${{ }} expression engine")
struct ExpressionTests {
    @Test("property and index access, and missing properties render empty")
    func access() throws {
        #expect(try render("${{ parameters.name }}", sample) == "queue-api")
        #expect(try render("${{ parameters['name'] }}", sample) == "queue-api")
        #expect(try render("${{ parameters.tags[1] }}", sample) == "b")
        #expect(try render("${{ parameters.nested.deep.value }}", sample) == "x")
        #expect(try render("[${{ parameters.missing.deeper }}]", sample) == "[]")
        #expect(try render("[${{ nothing }}]", sample) == "[]")
        #expect(try render("${{ parameters.tags.length }}", sample) == "3")
    }

    @Test("literals and arithmetic")
    func arithmetic() throws {
        #expect(try value("1 + 2 * 3") == .number(7))
        #expect(try value("(1 + 2) * 3") == .number(9))
        #expect(try value("7 / 2") == .number(3.5))
        #expect(try value("7 // 2") == .number(3))
        #expect(try value("7 % 4") == .number(3))
        #expect(try value("-parameters.count", sample) == .number(-3))
        #expect(try value("'a' + \"b\"") == .string("ab"))
        #expect(try value("parameters.name + '-' + parameters.count", sample) == .string("queue-api-3"))
        #expect(try value("'x' ~ 2") == .string("x2"))
        #expect(try value("[1, 'two', true, none]") == .array([.number(1), "two", .bool(true), .null]))
        #expect(try value("{a: 1, 'b c': 'd'}") == .object(["a": .number(1), "b c": "d"]))
    }

    @Test("comparisons, and/or/not, in")
    func logic() throws {
        #expect(try value("parameters.count == 3", sample) == .bool(true))
        #expect(try value("parameters.count != 3", sample) == .bool(false))
        #expect(try value("parameters.count > 2 and parameters.count <= 3", sample) == .bool(true))
        #expect(try value("parameters.empty or 'fallback'", sample) == .string("fallback"))
        #expect(try value("not parameters.flag", sample) == .bool(false))
        #expect(try value("'b' in parameters.tags", sample) == .bool(true))
        #expect(try value("'z' not in parameters.tags", sample) == .bool(true))
        #expect(try value("'queue' in parameters.name", sample) == .bool(true))
        #expect(try value("'name' in parameters", sample) == .bool(true))
        #expect(try value("parameters.missing is defined", sample) == .bool(false))
        #expect(try value("'abc' < 'abd'") == .bool(true))
    }

    @Test("inline if … else, with and without else")
    func inlineIf() throws {
        #expect(try value("'yes' if parameters.flag else 'no'", sample) == .string("yes"))
        #expect(try value("'yes' if parameters.empty else 'no'", sample) == .string("no"))
        #expect(try value("'yes' if parameters.empty", sample) == nil)
        #expect(try render("[${{ parameters.name if parameters.missing }}]", sample) == "[]")
    }

    @Test("a value that is exactly one expression keeps its type")
    func typesKept() throws {
        #expect(try value("parameters.tags", sample) == .array(["a", "b", "c"]))
        #expect(try value("parameters.count", sample) == .number(3))
        #expect(try value("parameters.flag", sample) == .bool(true))
        #expect(try value("parameters.nested", sample) == .object(["deep": .object(["value": "x"])]))
        // In a longer string, the list is printed as JavaScript prints it.
        #expect(try render("tags: ${{ parameters.tags }}", sample) == "tags: a,b,c")
    }

    @Test("Nunjucks filters real templates use")
    func nunjucksFilters() throws {
        #expect(try render("${{ 'Queue API' | lower }}") == "queue api")
        #expect(try render("${{ 'queue' | upper }}") == "QUEUE")
        #expect(try render("${{ 'qUEUE api' | capitalize }}") == "Queue api")
        #expect(try render("${{ 'a-b-c' | replace('-', '_') }}") == "a_b_c")
        #expect(try render("${{ 'a-b-c' | replace('-', '_', 1) }}") == "a_b-c")
        #expect(try render("${{ parameters.missing | default('dflt') }}", sample) == "dflt")
        #expect(try render("${{ parameters.empty | d('dflt') }}", sample) == "")
        #expect(try render("${{ parameters.empty | default('dflt', true) }}", sample) == "dflt")
        #expect(try render("${{ parameters.tags | join(', ') }}", sample) == "a, b, c")
        #expect(try render("${{ '  padded  ' | trim }}") == "padded")
        #expect(try render("${{ parameters.tags | length }} ${{ parameters.name | length }}", sample) == "3 9")
        #expect(try render("${{ parameters.tags | first }}${{ parameters.tags | last }}", sample) == "ac")
        #expect(try render("${{ parameters.name | dump }}", sample) == "\"queue-api\"")
        #expect(try render("${{ 'say \"hi\"' | dump }}") == "\"say \\\"hi\\\"\"")
        #expect(try render("${{ parameters.tags | dump }}", sample) == "[\"a\",\"b\",\"c\"]")
        #expect(try render("${{ '<b>' | safe }}") == "<b>")
        #expect(try render("${{ parameters.name | upper | replace('-', ' ') }}", sample) == "QUEUE API")
    }

    @Test("Backstage's filters: parseRepoUrl, projectSlug, parseEntityRef, pick")
    func backstageFilters() throws {
        #expect(
            try value("parameters.repoUrl | parseRepoUrl", sample)
                == .object(["host": "github.com", "owner": "tempo-music", "repo": "queue-api"]))
        #expect(try render("${{ (parameters.repoUrl | parseRepoUrl).owner }}", sample) == "tempo-music")
        #expect(try render("${{ parameters.repoUrl | projectSlug }}", sample) == "tempo-music/queue-api")
        #expect(
            try value("parameters.owner | parseEntityRef", sample) == .object(["kind": "group", "namespace": "default", "name": "playback"]))
        #expect(
            try value("'team-a' | parseEntityRef({defaultKind: 'Group', defaultNamespace: 'tempo'})")
                == .object(["kind": "Group", "namespace": "tempo", "name": "team-a"]))
        #expect(try render("${{ parameters.owner | parseEntityRef | pick('name') }}", sample) == "playback")
        #expect(try render("${{ parameters | pick('nested.deep.value') }}", sample) == "x")
    }

    @Test("a filter that cannot read its input is an error naming where")
    func filterErrors() throws {
        let error = try #require(throws: TemplateError.self) { try render("line one\nrepo: ${{ 'github.com?owner=x' | parseRepoUrl }}") }
        #expect(error.position == SourcePosition(line: 2, column: 34))
        #expect(error.message.contains("missing repo"))
        #expect(throws: TemplateError.self) { try render("${{ 'team-a' | parseEntityRef }}") }
    }

    @Test("unknown filters and syntax errors name file, line and column")
    func syntaxErrors() throws {
        let unknown = try #require(throws: TemplateError.self) { try render("a\nb ${{ parameters.name | uper }}") }
        #expect(unknown.description == "t.txt:2:25: unknown filter \"uper\"")
        let unclosed = try #require(throws: TemplateError.self) { try render("x ${{ parameters.name ") }
        #expect(unclosed.position == SourcePosition(line: 1, column: 3))
        let dangling = try #require(throws: TemplateError.self) { try render("${{ 1 + }}") }
        #expect(dangling.message.contains("expected a value"))
        let call = try #require(throws: TemplateError.self) { try render("${{ range(3) }}") }
        #expect(call.message.contains("not supported"))
        #expect(throws: TemplateError.self) { try render("${{ 'unterminated }}") }
    }

    @Test("nesting thousands deep is refused with an error, not a stack overflow")
    func deepNesting() throws {
        for hostile in [String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
                        String(repeating: "not ", count: 5000) + "true", String(repeating: "- ", count: 5000) + "1"] {
            let error = try #require(throws: TemplateError.self) { try render("${{ \(hostile) }}") }
            #expect(error.message.contains("nested more than"))
        }
        #expect(try render("${{ ((1 + 2)) * 3 }}") == "9")
    }

    @Test("expressions reach only the values they are given")
    func noAmbientAuthority() throws {
        // No globals: the environment, the process and the file system are not names here.
        #expect(try render("[${{ env }}${{ process.env.HOME }}${{ require }}${{ constructor }}]") == "[]")
        #expect(try render("[${{ parameters.constructor }}${{ parameters.__proto__ }}]", sample) == "[]")
        #expect(throws: TemplateError.self) { try render("${{ parameters.name.constructor('return process')() }}", sample) }
    }
}
