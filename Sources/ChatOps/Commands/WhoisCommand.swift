import Catalog

/// `/whois @person | NAME | TEAM`: a person's teams, role and what they own through their teams;
/// a team's members, channel, parent and child groups, and everything it owns by kind.
public struct WhoisCommand: CommandHandler {
    /// The `--format json` answer (`status: found`; see `docs/commands.md`).
    public struct Answer: Sendable, Hashable, Codable {
        /// Always `whois`.
        public var command = "whois"
        /// Always `found` (not-found and ambiguous answers share the resolver's shape).
        public var status = "found"
        /// `user` or `group`.
        public var kind: String
        /// The person or team asked about.
        public var subject: EntityLine
        /// A person's teams.
        public var teams: [EntityLine]
        /// A team's members.
        public var members: [EntityLine]
        /// A team's parent group.
        public var parent: EntityLine?
        /// A team's child groups.
        public var children: [EntityLine]
        /// What they own (a person: through their teams and directly), by lower-case kind.
        public var owns: [String: [EntityLine]]
        /// Broken data met while answering.
        public var findings: [FindingAnswer]
    }

    /// Creates the handler.
    public init() {}

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        let argument: EntityArgument
        if let given = arguments.entity("who") {
            argument = given
        } else if let me = invocation.caller.userID {
            argument = .chatUser(id: me, label: invocation.caller.name)
        } else {
            throw UsageError("Whom? Mention a person or name a team.", usage: spec.usage)
        }
        switch try await EntityResolver(catalog: context.catalog).resolve(argument, kinds: ["user", "group"], spec: spec) {
        case .reply(let reply):
            return reply
        case .found(let entity) where entity.ref.kind == "user":
            return try await person(entity, context: context)
        case .found(let entity):
            return try await team(entity, context: context)
        }
    }

    private func person(_ user: StoredEntity, context: CommandContext) async throws -> Reply {
        let catalog = context.catalog
        let subject = try await catalog.headlines([user.ref]).first.map(EntityLine.init) ?? EntityLine(missing: user.ref)
        let teamRefs = try await catalog.relations(from: user.ref, ofType: .memberOf).map(\.target)
        let teams = try await catalog.headlines(teamRefs)
        let owned = try await catalog.relations(from: [user.ref] + teamRefs, ofType: .ownerOf)
        let owns = try await Self.grouped(owned.map(\.target), catalog: catalog)
        let answer = Answer(
            kind: "user", subject: subject, teams: teams.map(EntityLine.init), members: [], parent: nil, children: [],
            owns: owns, findings: [])

        var blocks: [ReplyBlock] = [.header("\(subject.displayName) (\(user.ref.shortDescription))")]
        if let role = subject.description { blocks.append(.paragraph(.text(role))) }
        var fields: [ReplyField] = []
        if let id = subject.chatUserID { fields.append(ReplyField("Chat", RichText([.user(id: id)]))) }
        if let email = user.entity.spec["profile"]?["email"]?.stringValue { fields.append(ReplyField("Email", .link("mailto:\(email)", email))) }
        fields.append(ReplyField("Teams", teams.isEmpty ? "none in the catalog" : .joined(teams.map(Self.teamText), separator: ", ")))
        blocks.append(.fields(fields))
        blocks += Self.ownedBlocks(owns, via: "their teams")
        return Reply(
            summary: "\(subject.displayName): \(teams.map(\.displayName).joined(separator: ", "))",
            blocks: blocks, data: try JSONValue(encoding: answer))
    }

    private func team(_ group: StoredEntity, context: CommandContext) async throws -> Reply {
        let catalog = context.catalog
        let relations = try await catalog.relations(from: group.ref)
        func targets(_ type: RelationType) -> [EntityRef] { relations.filter { $0.type == type }.map(\.target) }
        let memberRefs = targets(.hasMember)
        let parentRef = targets(.childOf).first
        let childRefs = targets(.parentOf)
        let headlines = try await catalog.headlines([group.ref] + memberRefs + childRefs + (parentRef.map { [$0] } ?? []))
        let byRef = Dictionary(headlines.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        func line(_ ref: EntityRef) -> EntityLine { byRef[ref].map(EntityLine.init) ?? EntityLine(missing: ref) }
        let owns = try await Self.grouped(targets(.ownerOf), catalog: catalog)

        var findings: [CatalogFinding] = []
        if memberRefs.isEmpty {
            findings.append(CatalogFinding(entity: group.ref, kind: .teamWithoutMembers, owner: group.ref, message: "The team \(group.ref.shortDescription) has no members in the catalog."))
        }
        if group.entity.metadata.annotations[Annotation.chatChannel] == nil {
            findings.append(CatalogFinding(entity: group.ref, kind: .teamWithoutChannel, owner: group.ref, message: "The team \(group.ref.shortDescription) has no chat channel (annotation \(Annotation.chatChannel))."))
        }
        await context.record(findings)

        let subject = line(group.ref)
        let answer = Answer(
            kind: "group", subject: subject, teams: [], members: memberRefs.map(line), parent: parentRef.map(line),
            children: childRefs.map(line), owns: owns, findings: findings.map(FindingAnswer.init))

        var blocks: [ReplyBlock] = [.header("\(subject.displayName) (\(group.ref.shortDescription))")]
        if let description = subject.description { blocks.append(.paragraph(.text(description))) }
        var fields: [ReplyField] = []
        if let channel = subject.channel { fields.append(ReplyField("Channel", RichText([.channel(channel)]))) }
        if let type = subject.type { fields.append(ReplyField("Type", .text(type))) }
        if let parentRef { fields.append(ReplyField("Part of", byRef[parentRef].map(\.richName) ?? .code(parentRef.shortDescription))) }
        if !childRefs.isEmpty { fields.append(ReplyField("Sub-teams", .joined(childRefs.map { byRef[$0].map(Self.teamText) ?? .code($0.shortDescription) }, separator: ", "))) }
        if !fields.isEmpty { blocks.append(.fields(fields)) }
        let members = answer.members.map { member -> RichText in
            var text: RichText = "\(bold: member.displayName)"
            if let role = member.description { text = text + " · \(role)" }
            if let id = member.chatUserID { text = text + " " + RichText([.user(id: id)]) }
            return text
        }
        if !members.isEmpty { blocks.append(Self.list("Members (\(members.count))", members)) }
        blocks += Self.ownedBlocks(owns, via: nil)
        blocks += findings.map(ReplyBlock.finding)
        return Reply(
            summary: "\(subject.displayName): \(members.count) members, owns \(owns.values.map(\.count).reduce(0, +)) entities",
            blocks: blocks, data: try JSONValue(encoding: answer))
    }

    /// Lists are cut here so chat answers stay readable; JSON answers carry everything.
    static let listLimit = 15

    static func list(_ title: String, _ items: [RichText]) -> ReplyBlock {
        .list(title: .text(title), items: Array(items.prefix(listLimit)), more: max(0, items.count - listLimit))
    }

    private static func grouped(_ refs: [EntityRef], catalog: CatalogStore) async throws -> [String: [EntityLine]] {
        let headlines = try await catalog.headlines(Array(Set(refs)).sorted())
        return Dictionary(grouping: headlines.map(EntityLine.init), by: \.kind)
    }

    private static func ownedBlocks(_ owns: [String: [EntityLine]], via: String?) -> [ReplyBlock] {
        guard !owns.isEmpty else { return [.context(.text("Owns nothing in the catalog\(via.map { " through \($0)" } ?? "").")) ] }
        let order = ["system", "component", "api", "resource", "domain", "template"]
        let kinds = owns.keys.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
        return kinds.map { kind in
            let lines = owns[kind]!
            return list("\(KindNames.plural(kind)) (\(lines.count))", lines.map { line in
                var text: RichText = "\(code: line.name)"
                if line.displayName != line.name { text = text + " \(line.displayName)" }
                if let lifecycle = line.lifecycle, lifecycle != "production" { text = text + " · \(lifecycle)" }
                return text
            })
        }
    }

    private static func teamText(_ team: EntityHeadline) -> RichText {
        var text: RichText = "\(bold: team.displayName)"
        if let channel = team.channel { text = text + " (" + RichText([.channel(channel)]) + ")" }
        return text
    }
}
