import Catalog
import ChatOps
import Foundation
import Logging
import OnCall
import Synchronization
import Testing

/// Records what incident handling asks of the chat platform; can be told to refuse invites.
final class RecordingActions: IncidentActions {
    enum Call: Sendable, Hashable {
        case channel(String)
        case create(String)
        case join(String)
        case invite([String], String)
        case post(String, String)
    }

    private let state = Mutex<(calls: [Call], channels: [String: IncidentChannel], inviteError: String?)>(([], [:], nil))

    var calls: [Call] { state.withLock { $0.calls } }
    var invites: [[String]] { calls.compactMap { if case .invite(let users, _) = $0 { users } else { nil } } }
    var posts: [String] { calls.compactMap { if case .post(let text, _) = $0 { text } else { nil } } }

    func add(_ channel: IncidentChannel) { state.withLock { $0.channels[channel.id] = channel } }
    func refuseInvites(with code: String) { state.withLock { $0.inviteError = code } }

    func channel(_ id: String) async throws -> IncidentChannel {
        try state.withLock { state in
            state.calls.append(.channel(id))
            guard let channel = state.channels[id] else { throw IncidentActionError(code: "channel_not_found") }
            return channel
        }
    }

    func createChannel(named name: String) async throws -> IncidentChannel {
        state.withLock { state in
            state.calls.append(.create(name))
            let channel = IncidentChannel(id: "C\(state.channels.count + 100)", name: name)
            state.channels[channel.id] = channel
            return channel
        }
    }

    func join(_ channel: String) async throws {
        state.withLock { $0.calls.append(.join(channel)) }
    }

    func invite(_ userIDs: [String], to channel: String) async throws {
        try state.withLock { state in
            state.calls.append(.invite(userIDs, channel))
            if let code = state.inviteError { throw IncidentActionError(code: code) }
        }
    }

    func post(_ reply: Reply, to channel: String) async throws {
        state.withLock { $0.calls.append(.post(reply.summary, channel)) }
    }
}

@Suite("Incidents", .timeLimit(.minutes(3)))
struct IncidentDeskTests {
    static func desk(_ actions: RecordingActions, catalog: CatalogStore, store: OnCallStore? = nil) throws -> IncidentDesk {
        IncidentDesk(
            catalog: catalog, goalies: try OnCallFixtures.directory(catalog, store: store), actions: actions, logger: Logger(label: "test"),
            now: { OnCallFixtures.now })
    }

    @Test("a new inc- channel naming playlist-api tags the Playlists goalie in one invite and one message, and lists Playback as possibly affected")
    func opens() async throws {
        let catalog = try await DemoCatalog.store()
        let actions = RecordingActions()
        actions.add(IncidentChannel(id: "C1", name: "inc-playlist-api-5xx"))
        let desk = try Self.desk(actions, catalog: catalog)
        await desk.channelCreated(id: "C1", name: "inc-playlist-api-5xx", creator: "U9")
        #expect(actions.invites == [["U01H82W8LB"]])
        #expect(actions.calls.firstIndex(of: .join("C1"))! < actions.calls.firstIndex(of: .invite(["U01H82W8LB"], "C1"))!)
        let post = try #require(actions.posts.first)
        #expect(actions.posts.count == 1)
        #expect(post.contains("Tagged Liam O'Connor (Playlists goalie) for playlist-api."))
        // playlist-api depends on track-metadata-service, owned by Playback: listed, not paged.
        #expect(post.contains("Possibly affected, not paged: Playback"))

        // The same channel again (a redelivery with a new id, a rename): nothing new happens.
        await desk.channelCreated(id: "C1", name: "inc-playlist-api-5xx", creator: "U9")
        #expect(actions.invites.count == 1)
        #expect(actions.posts.count == 1)
    }

    @Test("later messages tag another service's goalie once; common words and repeated names tag nobody")
    func laterMentions() async throws {
        let catalog = try await DemoCatalog.store()
        let actions = RecordingActions()
        actions.add(IncidentChannel(id: "C2", name: "inc-checkout-broken"))
        let desk = try Self.desk(actions, catalog: catalog)
        await desk.channelCreated(id: "C2", name: "inc-checkout-broken", creator: nil)
        #expect(actions.invites.isEmpty)
        #expect(actions.posts.count == 1)  // "opened; no service recognized yet"

        await desk.messagePosted(channel: "C2", text: "search is slow and the api returns errors on playback")
        #expect(actions.posts.count == 1)
        await desk.messagePosted(channel: "C2", text: "looks like search-gateway is timing out")
        // Search & Discovery's shift 11 (from Tuesday 24 March, New York time) is hana.kim's.
        #expect(actions.invites == [["U04C1XY7VE"]])
        #expect(actions.posts.count == 2)
        #expect(actions.posts[1].contains("Tagged Hana Kim ("), "\(actions.posts)")
        #expect(actions.posts[1].contains("goalie) for search-gateway."))
        await desk.messagePosted(channel: "C2", text: "search-gateway still down, cc the Search Gateway folks")
        #expect(actions.invites.count == 1)
        #expect(actions.posts.count == 2)
        // Messages elsewhere are not incidents.
        await desk.messagePosted(channel: "C-other", text: "playlist-api is down")
        #expect(actions.posts.count == 2)
    }

    @Test("failures are said in the channel: a team without rotation, a goalie outside Slack, a refused invite")
    func failures() async throws {
        let catalog = try await DemoCatalog.store()
        let actions = RecordingActions()
        actions.add(IncidentChannel(id: "C3", name: "inc-warehouse-loader-stuck"))
        actions.refuseInvites(with: "not_in_channel")
        let desk = try Self.desk(actions, catalog: catalog)
        await desk.channelCreated(id: "C3", name: "inc-warehouse-loader-stuck", creator: nil)
        let post = try #require(actions.posts.first)
        #expect(post.contains("no goalie rotation"), "\(post)")
        await desk.messagePosted(channel: "C3", text: "playlist-api too")
        #expect(actions.posts.last?.contains("the invite was refused (not_in_channel)") == true, "\(actions.posts)")
    }

    @Test("/incident declare creates the channel, invites the declarer with the goalies; status and resolve")
    func declareStatusResolve() async throws {
        let catalog = try await DemoCatalog.store()
        let actions = RecordingActions()
        actions.add(IncidentChannel(id: "C-general", name: "general"))
        let store = try OnCallStore.inMemory()
        let desk = try Self.desk(actions, catalog: catalog, store: store)
        let router = try OnCallFixtures.router(try OnCallFixtures.directory(catalog, store: store), desk: desk)
        let caller = Caller(userID: "U0DECLARER")
        let declared = await OnCallFixtures.ask("/incident declare Playlist saves fail in playlist-api", router, catalog: catalog, caller: caller, channel: "C-general")
        #expect(declared.summary.hasPrefix("INC-1 is open in #inc-20260325-playlist-saves-fail-in-playlist-api"), "\(declared.summary)")
        #expect(actions.invites == [["U01H82W8LB", "U0DECLARER"]])
        let channel = try #require(declared.data["channel"]?.stringValue)

        let status = await OnCallFixtures.ask("/incident status", router, catalog: catalog, channel: channel)
        #expect(status.summary.hasPrefix("INC-1 is open for"), "\(status.summary)")
        #expect(status.data["services"]?.arrayValue?.isEmpty == false)
        let resolved = await OnCallFixtures.ask("/incident resolve", router, catalog: catalog, caller: caller, channel: channel)
        #expect(resolved.summary.hasPrefix("INC-1 resolved after"))
        #expect(resolved.visibility == .inChannel)
        let again = await OnCallFixtures.ask("/incident resolve", router, catalog: catalog, channel: channel)
        #expect(again.data["error"] != nil)
        let nowhere = await OnCallFixtures.ask("/incident status", router, catalog: catalog, channel: "C-general")
        #expect(nowhere.summary.contains("There is no incident in this channel"))
    }

    @Test("services are found as whole words in names, titles and aliases, longest first", arguments: [
        ("inc-playlist-api-5xx", ["component:default/playlist-api"]),
        ("The Playlist API is throwing 500s", ["component:default/playlist-api"]),
        ("search is slow, playback stutters, the api errors", []),
        ("playlist-apis are fine", []),
        ("auth-service and billing-service are down", ["component:default/auth-service", "component:default/billing-service"]),
    ])
    func finder(_ text: String, _ expected: [String]) async throws {
        let catalog = try await DemoCatalog.store()
        let finder = ServiceMentionFinder(entities: try await catalog.entities(ofKinds: ServiceMentionFinder.serviceKinds))
        #expect(finder.mentions(in: text).map(\.ref.description) == expected)
    }

    @Test("declared aliases name a service; short and common aliases do not")
    func aliases() async throws {
        let catalog = try await DemoCatalog.store(yaml: """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: playlist-api
              title: Playlist API
              annotations:
                backline.io/aliases: 'plapi, playlist service, pl, search'
            spec: {type: service, lifecycle: production, owner: playlists}
            """)
        let finder = ServiceMentionFinder(entities: try await catalog.entities(ofKinds: ServiceMentionFinder.serviceKinds))
        #expect(finder.mentions(in: "plapi pods are crashlooping").map(\.ref.name) == ["playlist-api"])
        #expect(finder.mentions(in: "is the Playlist Service down?").map(\.ref.name) == ["playlist-api"])
        #expect(finder.mentions(in: "pl search people").isEmpty)
    }

    @Test("channel patterns are globs")
    func patterns() {
        #expect(ChannelPattern.incidents.matches("inc-playlist-api-5xx"))
        #expect(!ChannelPattern.incidents.matches("incidents"))
        #expect(ChannelPattern("*-incident").matches("checkout-incident"))
        #expect(ChannelPattern("sev*-*").matches("sev1-playlists"))
        #expect(!ChannelPattern("sev*-*").matches("general"))
    }
}
