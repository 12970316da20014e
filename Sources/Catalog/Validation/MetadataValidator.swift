/// The `metadata` rules: name, namespace, title, description, labels, annotations, tags and links.
enum MetadataValidator {
    static func validate(_ members: [String: JSONValue], problems: inout [FieldProblem]) -> EntityMetadata? {
        func invalid(_ field: String, _ rule: String, expected: String, found: String) {
            problems.append(FieldProblem(
                field: field, rule: rule, message: "\"\(field)\" is not valid; expected \(expected) but found \"\(found)\""))
        }
        let objectNameRule = "a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total"
        let dnsLabelRule = "a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total"
        let problemCount = problems.count

        var name = ""
        switch members["name"] {
        case nil:
            problems.append(FieldProblem(field: "metadata.name", rule: "required-field", message: "\"metadata.name\" is required"))
        case .string(let value):
            if FieldFormats.isValidObjectName(value) { name = value } else { invalid("metadata.name", "entity-name", expected: objectNameRule, found: value) }
        case let other?: invalid("metadata.name", "entity-name", expected: "a string", found: other.typeName)
        }

        var namespace = EntityRef.defaultNamespace
        switch members["namespace"] {
        case nil: break
        case .string(let value):
            if FieldFormats.isValidDNSLabel(value) { namespace = value } else { invalid("metadata.namespace", "namespace", expected: dnsLabelRule, found: value) }
        case let other?: invalid("metadata.namespace", "namespace", expected: "a string", found: other.typeName)
        }

        let title = optionalString(members, "title", nonEmpty: true, problems: &problems)
        let description = optionalString(members, "description", nonEmpty: false, problems: &problems)

        var labels: [String: String] = [:]
        for (key, value, field) in stringEntries(members["labels"], field: "metadata.labels", problems: &problems) {
            if !FieldFormats.isValidMetadataKey(key) {
                invalid(field, "label-key", expected: "a string that is an optional DNS subdomain and slash followed by \(objectNameRule)", found: key)
            }
            if !FieldFormats.isValidLabelValue(value) {
                invalid(field, "label-value", expected: "an empty string or \(objectNameRule)", found: value)
            }
            labels[key] = value
        }

        var annotations: [String: String] = [:]
        for (key, value, field) in stringEntries(members["annotations"], field: "metadata.annotations", problems: &problems) {
            if !FieldFormats.isValidMetadataKey(key) {
                invalid(field, "annotation-key", expected: "a string that is an optional DNS subdomain and slash followed by \(objectNameRule)", found: key)
            }
            annotations[key] = value
        }

        var tags: [String] = []
        switch members["tags"] {
        case nil: break
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                let field = "metadata.tags[\(index)]"
                guard let tag = element.stringValue else { invalid(field, "tag", expected: "a string", found: element.typeName); continue }
                if FieldFormats.isValidTag(tag) { tags.append(tag) } else {
                    invalid(field, "tag", expected: "a string that is sequences of [a-z0-9:+#] separated by [-], at most 63 characters in total", found: tag)
                }
            }
        case let other?: invalid("metadata.tags", "tag", expected: "a list of strings", found: other.typeName)
        }

        var links: [EntityLink] = []
        switch members["links"] {
        case nil: break
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let link = validateLink(element, field: "metadata.links[\(index)]", problems: &problems) { links.append(link) }
            }
        case let other?: invalid("metadata.links", "link", expected: "a list of objects", found: other.typeName)
        }

        guard problems.count == problemCount else { return nil }
        return EntityMetadata(
            name: name, namespace: namespace, title: title, description: description,
            labels: labels, annotations: annotations, tags: tags, links: links)
    }

    private static func optionalString(_ members: [String: JSONValue], _ key: String, nonEmpty: Bool, problems: inout [FieldProblem]) -> String? {
        guard let value = members[key] else { return nil }
        let field = "metadata.\(key)"
        guard let string = value.stringValue else {
            problems.append(FieldProblem(field: field, rule: key, message: "\"\(field)\" is not valid; expected a string but found \"\(value.typeName)\""))
            return nil
        }
        if nonEmpty && string.isEmpty {
            problems.append(FieldProblem(field: field, rule: key, message: "\"\(field)\" is not valid; expected a non-empty string"))
            return nil
        }
        return string
    }

    /// Reads a map of strings, reporting non-string values (annotation values such as `true` or
    /// `123` must be quoted in YAML). The caller applies the key and value format rules.
    private static func stringEntries(
        _ value: JSONValue?, field: String, problems: inout [FieldProblem]
    ) -> [(key: String, value: String, field: String)] {
        guard let value else { return [] }
        guard let members = value.objectValue else {
            problems.append(FieldProblem(field: field, rule: "string-map", message: "\"\(field)\" is not valid; expected an object but found \"\(value.typeName)\""))
            return []
        }
        var entries: [(key: String, value: String, field: String)] = []
        for key in members.keys.sorted() {
            let entryField = "\(field).\(key)"
            guard let string = members[key]?.stringValue else {
                problems.append(FieldProblem(
                    field: entryField, rule: "string-value",
                    message: "\"\(entryField)\" is not valid; expected a string but found \(members[key]?.typeName ?? "nothing") (quote values such as 'true' or '123')"))
                continue
            }
            entries.append((key, string, entryField))
        }
        return entries
    }

    private static func validateLink(_ value: JSONValue, field: String, problems: inout [FieldProblem]) -> EntityLink? {
        guard let members = value.objectValue else {
            problems.append(FieldProblem(field: field, rule: "link", message: "\"\(field)\" is not valid; expected an object with a url but found \"\(value.typeName)\""))
            return nil
        }
        let before = problems.count
        var url = ""
        switch members["url"] {
        case .string(let string) where FieldFormats.isValidURL(string): url = string
        case .string(let string):
            problems.append(FieldProblem(field: "\(field).url", rule: "link-url", message: "\"\(field).url\" is not valid; expected an absolute URL but found \"\(string)\""))
        case nil:
            problems.append(FieldProblem(field: "\(field).url", rule: "required-field", message: "\"\(field).url\" is required"))
        case let other?:
            problems.append(FieldProblem(field: "\(field).url", rule: "link-url", message: "\"\(field).url\" is not valid; expected a string but found \"\(other.typeName)\""))
        }
        func optional(_ key: String, rule: (String) -> Bool, expectation: String) -> String? {
            guard let member = members[key] else { return nil }
            guard let string = member.stringValue, rule(string) else {
                problems.append(FieldProblem(
                    field: "\(field).\(key)", rule: "link-\(key)",
                    message: "\"\(field).\(key)\" is not valid; expected \(expectation) but found \"\(member.stringValue ?? member.typeName)\""))
                return nil
            }
            return string
        }
        let title = optional("title", rule: { !$0.isEmpty }, expectation: "a non-empty string")
        let icon = optional("icon", rule: FieldFormats.isValidObjectName, expectation: "an icon name such as dashboard")
        let type = optional("type", rule: { !$0.isEmpty }, expectation: "a non-empty string")
        guard problems.count == before else { return nil }
        return EntityLink(url: url, title: title, icon: icon, type: type)
    }
}
