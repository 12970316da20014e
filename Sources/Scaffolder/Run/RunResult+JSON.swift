import Catalog
import Foundation

extension RunResult {
    /// Backstage's dry-run response shape: `status`, `errors` (`field`, `message`),
    /// `directoryContents` (`path`, `base64Content`, `executable`), `steps` (`id`, `name`,
    /// `action`, `input`, `skipped`), `output` and `log`; plus Backline's `message` when the run
    /// was refused or failed.
    public var dryRunJSON: JSONValue {
        var document: [String: JSONValue] = [
            "status": .string(status.rawValue),
            "errors": .array(errors.map { .object(["field": .string($0.field), "message": .string($0.message)]) }),
            "directoryContents": .array(
                files.map {
                    .object(["path": .string($0.path), "base64Content": .string($0.content.base64EncodedString()), "executable": .bool($0.isExecutable)])
                }),
            "steps": .array(
                steps.map { step in
                    var members: [String: JSONValue] = [
                        "id": .string(step.id), "action": .string(step.action), "input": step.input ?? .object([:]),
                        "skipped": .bool(step.status == .skipped), "status": .string(step.status.rawValue),
                    ]
                    if let name = step.name { members["name"] = .string(name) }
                    if let error = step.error { members["error"] = .string(error) }
                    return .object(members)
                }),
            "output": output,
            "log": .array(log.map(JSONValue.string)),
        ]
        if let message { document["message"] = .string(message) }
        return .object(document)
    }

    /// JSON text of ``dryRunJSON``, indented.
    public var dryRunJSONText: String { TemplateValues.json(dryRunJSON, indent: 2) }
}

/// Reads a `--values` file: a YAML or JSON object of the form's values.
public enum ValuesFile {
    /// The object in `text`.
    public static func parse(_ text: String) throws -> [String: JSONValue] {
        guard let object = try YAMLValue.parse(text).objectValue else { throw ScaffolderError("the values file must hold an object (key: value)") }
        return object
    }
}
