import Catalog
import Foundation

/// A template's form as text: what `template show` and `/template show` print.
public enum TemplateDescription {
    /// The title, description, owner, and each page's fields with type, default and description.
    public static func text(_ template: Template) -> String {
        var lines = ["\(template.displayName) (\(template.name)) — \(template.type), owned by \(template.owner ?? "nobody")"]
        if let description = template.description { lines.append(description.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if !template.tags.isEmpty { lines.append("Tags: \(template.tags.joined(separator: ", "))") }
        if !template.allowedGroups.isEmpty { lines.append("Allowed: \(template.allowedGroups.joined(separator: ", "))") }
        let fields = ParameterForm(template: template).fields
        for (index, page) in template.pages.enumerated() {
            lines.append("")
            lines.append("Page \(index + 1)\(page.title.map { ": \($0)" } ?? "")")
            for field in fields where field.page == index {
                var line = "  \(field.name)\(field.isRequired ? " (required)" : "") — \(field.type)"
                if let picker = field.picker { line += ", \(picker)" }
                if let options = field.schema["enum"]?.arrayValue { line += ", one of: \(options.map { TemplateValues.text($0) }.joined(separator: ", "))" }
                if let value = field.defaultValue { line += ", default \(TemplateValues.json(value))" }
                lines.append(line)
                if let text = field.description ?? field.title { lines.append("      \(text)") }
            }
        }
        lines.append("")
        lines.append("Steps: " + template.steps.map { "\($0.id) (\($0.action))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}

/// A run as text, for the terminal and chat.
public enum RunReport {
    /// The outcome, each step, the files of a dry run, errors, and the output's links and text.
    public static func text(_ result: RunResult) -> String {
        var lines: [String] = []
        let kind = result.isDryRun ? "dry run of" : "run of"
        switch result.status {
        case .ok: lines.append("✅ \(kind) \(result.template) succeeded")
        case .invalid: lines.append("❌ \(kind) \(result.template): \(result.message ?? "values are not valid")")
        case .failed: lines.append("❌ \(kind) \(result.template) failed: \(result.message ?? "")")
        }
        for error in result.errors { lines.append("  • \(error.field): \(error.message)") }
        if result.status != .invalid, !(result.status == .failed && result.steps.allSatisfy { $0.status == .notRun }) {
            for step in result.steps {
                let mark: String
                switch step.status {
                case .completed: mark = "✓"
                case .skipped: mark = "–"
                case .failed: mark = "✗"
                case .notRun: mark = "·"
                }
                lines.append("  \(mark) \(step.id) (\(step.action))\(step.status == .skipped ? " skipped" : "")\(step.status == .notRun ? " not run" : "")")
                if let error = step.error { lines.append("      \(error)") }
            }
        }
        if !result.files.isEmpty {
            lines.append("Files (\(result.files.count)):")
            for file in result.files { lines.append("  \(file.path)\(file.isExecutable ? " (executable)" : "")") }
        }
        if let workspace = result.workspace { lines.append("Workspace: \(workspace.path)") }
        for link in result.links { lines.append("\(link.title): \(link.target)") }
        for block in result.output["text"]?.arrayValue ?? [] {
            if let title = block["title"]?.stringValue { lines.append(title) }
            if let content = block["content"]?.stringValue { lines.append(content) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per kept run: when, template, who, status, and the failed step.
    public static func line(_ run: ScaffolderStore.RunRecord) -> String {
        let formatter = ISO8601DateFormatter()
        var line = "\(formatter.string(from: run.startedAt))  \(run.template)  \(run.user ?? "someone")  \(run.status)"
        if let failed = run.steps.first(where: { $0.status == StepStatus.failed.rawValue }) { line += " at \(failed.id)" }
        if let message = run.message, run.status != "ok" { line += " — \(message)" }
        return line
    }
}
