import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// Reading every label when the pages desired-state.yaml predicts are asked for beside the
/// first: whatever the guess, the plan sees exactly the labels GitHub has, each once.
@Suite("GitHub label listing")
struct GitHubLabelListingTests {
    typealias Setup = GitHubConnectorTests.Setup

    static func names(_ range: Range<Int>) -> [String] { range.map { "area/\($0)" } }

    static func seed(_ setup: Setup, _ names: [String]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: names.count, by: 50).map({ Array(names[$0..<min($0 + 50, names.count)]) }) {
                group.addTask { try await GitHubUnmanagedLabelTests.seed(setup, chunk) }
            }
            try await group.waitForAll()
        }
    }

    static func request(declaring names: [String]) -> PlanRequest {
        PlanRequest(desired: DesiredState(github: GitHubConfig(labels: names.map { GitHubLabel(name: $0, color: "ededed") })))
    }

    static func plan(_ setup: Setup, declaring names: [String]) async throws -> PlanResponse {
        await (try setup.connector()).plan(request(declaring: names))
    }

    @Test func moreLabelsThanDeclaredAreAllRead() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, Self.names(0..<350))
        // 150 declared: pages 1 and 2 are asked for at once, pages 3 and 4 once page 1 names them.
        let plan = try await Self.plan(setup, declaring: Self.names(0..<150))
        #expect(!plan.checks.contains { $0.status == .error })
        #expect(plan.changes.isEmpty)
        #expect(plan.coverage == [Coverage(scope: .github, collection: "labels", managed: 150, total: 350)])
        #expect(plan.checks.filter { $0.status == .unmanaged }.count == 200)
        #expect(plan.requestCount == 4)
    }

    @Test func fewerLabelsThanDeclaredAreReadOnceAndTheEmptyGuessesDropped() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, Self.names(0..<120))
        // 700 declared: pages 1 to 7 are asked for at once; GitHub has 2, pages 3 to 7 answer [].
        let plan = try await Self.plan(setup, declaring: Self.names(0..<700))
        #expect(!plan.checks.contains { $0.status == .error })
        #expect(plan.changes.count == 580)
        #expect(Set(plan.changes.map(\.id.description)).count == 580)
        #expect(plan.changes.allSatisfy { $0.id.description.hasPrefix("github.label.create.") })
        #expect(plan.coverage == [Coverage(scope: .github, collection: "labels", managed: 120, total: 120)])
        #expect(plan.requestCount == 7)
    }

    /// A connector told to start reading early (`prepare`) plans exactly as one that was not,
    /// using what it sent rather than sending it again; those requests are taken by that plan:
    /// what is started after it is dropped, and the next plan sends its own.
    static func expectEarlyRequestsUsedOnce(
        sourceLocation: Testing.SourceLocation = #_sourceLocation, _ prepare: (GitHubConnector) async throws -> Void
    ) async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await seed(setup, names(0..<350))
        let request = request(declaring: names(0..<150))
        let plain = try await plan(setup, declaring: names(0..<150))
        let early = try #require(try setup.connector() as? GitHubConnector, sourceLocation: sourceLocation)
        try await prepare(early)
        let started = await early.plan(request)
        #expect(plain.requestCount == 4, sourceLocation: sourceLocation)
        #expect(started.requestCount == plain.requestCount, sourceLocation: sourceLocation)
        #expect(started.checks == plain.checks, sourceLocation: sourceLocation)
        #expect(started.changes == plain.changes, sourceLocation: sourceLocation)
        #expect(started.coverage == plain.coverage, sourceLocation: sourceLocation)
        early.startReading()
        early.continueReading(declared: DeclaredList(section: "github", key: "labels", count: 150))
        let again = await early.plan(request)
        #expect(again.requestCount == 2 * plain.requestCount, sourceLocation: sourceLocation)
        #expect(again.checks == plain.checks, sourceLocation: sourceLocation)
    }

    /// The first page sent before the plan (`startReading`, while desired-state.yaml is read)
    /// is the one the listing uses, however often it was asked to start.
    @Test func aFirstPageStartedBeforeThePlanIsUsedNotSentAgain() async throws {
        try await Self.expectEarlyRequestsUsedOnce { early in
            early.startReading()
            early.startReading()
        }
    }

    /// Told how many labels the file declares (`continueReading(declared:)`, as soon as the
    /// parse has counted them), the connector sends the pages it will guess before the plan asks.
    @Test func pagesStartedFromTheDeclaredCountAreUsedNotSentAgain() async throws {
        try await Self.expectEarlyRequestsUsedOnce { early in
            early.startReading()
            early.continueReading(declared: DeclaredList(section: "github", key: "branchProtection", count: 400))
            early.continueReading(declared: DeclaredList(section: "github", key: "labels", count: 150))
            // Pages 1 and 2 travel before the plan is asked for; branch protection starts nothing.
            let deadline = ContinuousClock.now + .seconds(10)
            while early.metrics.snapshot().requests < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(early.metrics.snapshot().requests == 2)
        }
    }

    /// A plan of every declared scope makes the connector when the parse meets its labels
    /// (`StartedConnectors.makeOnDeclaring`) and never calls `startReading`: the declared count
    /// alone sends the first page with the guesses.
    @Test func theDeclaredCountAloneSendsTheFirstPageToo() async throws {
        try await Self.expectEarlyRequestsUsedOnce { early in
            early.continueReading(declared: DeclaredList(section: "github", key: "labels", count: 150))
            let deadline = ContinuousClock.now + .seconds(10)
            while early.metrics.snapshot().requests < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(early.metrics.snapshot().requests == 2)
        }
    }

    /// A section that declares no labels, or an empty list of them, starts no listing.
    @Test func otherListsStartNothing() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let early = try #require(try setup.connector() as? GitHubConnector)
        early.continueReading(declared: DeclaredList(section: "github", key: "branchProtection", count: 3))
        early.continueReading(declared: DeclaredList(section: "github", key: "labels", count: 0))
        // Long enough for a request that was started to be counted (the others take a few ms).
        try await Task.sleep(for: .milliseconds(300))
        #expect(early.metrics.snapshot().requests == 0)
    }

    /// A page sent before the listing began runs in a task of its own: when the listing's task
    /// is cancelled (a failed first page, the plan cancelled, the `next` links walked instead),
    /// the early request is cancelled with it rather than left to finish.
    @Test func cancellingTheListingCancelsAPageSentEarly() async throws {
        let sent = Task<ServiceResponse, any Error> {
            try await Task.sleep(for: .seconds(60))
            throw CancellationError()
        }
        let waiting = Task { try await ListingPage<LabelSnapshot>.answer(of: sent) }
        try await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        let cancelledAt = ContinuousClock.now
        await #expect(throws: CancellationError.self) { try await sent.value }
        await #expect(throws: CancellationError.self) { try await waiting.value }
        // Well before the minute the early request would take uncancelled; not a tighter bound,
        // since beside the whole suite the cooperative pool can be busy for seconds (13.7 s seen).
        #expect(ContinuousClock.now - cancelledAt < .seconds(45))
    }

    /// The count the parse saw is only a hint: when the decoded file declares fewer labels, the
    /// pages started beyond the plan's own guesses change nothing in the plan.
    @Test func pagesStartedForMoreLabelsThanThePlanDeclaresChangeNothing() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, Self.names(0..<120))
        let plain = try await Self.plan(setup, declaring: Self.names(0..<150))
        let early = try #require(try setup.connector() as? GitHubConnector)
        early.startReading()
        early.continueReading(declared: DeclaredList(section: "github", key: "labels", count: 700))
        let started = await early.plan(Self.request(declaring: Self.names(0..<150)))
        #expect(!started.checks.contains { $0.status == .error })
        #expect(started.checks == plain.checks)
        #expect(started.changes == plain.changes)
        #expect(started.coverage == [Coverage(scope: .github, collection: "labels", managed: 120, total: 120)])
        #expect(started.requestCount >= plain.requestCount)
        #expect(started.requestCount <= 7)
    }

    @Test func aListingOfOnePageNeedsNoGuess() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, Self.names(0..<30))
        let plan = try await Self.plan(setup, declaring: Self.names(0..<30))
        #expect(plan.changes.isEmpty)
        #expect(plan.coverage == [Coverage(scope: .github, collection: "labels", managed: 30, total: 30)])
        #expect(plan.requestCount == 1)
    }

    @Test func manyDeclaredLabelsGuessNoMoreThanTwoWavesOfPages() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        // 5,000 declared, none there: one page is all GitHub has, and the guesses stop at two
        // waves of the client's 8 slots rather than asking for 50 pages.
        let plan = try await Self.plan(setup, declaring: Self.names(0..<5000))
        #expect(plan.changes.count == 5000)
        #expect(plan.coverage == [Coverage(scope: .github, collection: "labels", managed: 0, total: 0)])
        #expect(plan.requestCount == GitHubAPI.guessLimit(slots: 8))
        #expect(plan.requestCount == 16)
    }

    @Test func aListingLongerThanOneWaveIsReadWholeWithItsGuesses() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, Self.names(0..<1_050))
        // 1,050 declared and there: all 11 pages are asked for before the first answers, 8 at
        // once and 3 as the first of them come back; nothing is asked for twice.
        let plan = try await Self.plan(setup, declaring: Self.names(0..<1_050))
        #expect(plan.changes.isEmpty)
        #expect(plan.coverage == [Coverage(scope: .github, collection: "labels", managed: 1_050, total: 1_050)])
        #expect(plan.requestCount == 11)
    }

    @Test func aLabelPageTakesTheFastPathKeepingOnlyWhatIsRead() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, Self.names(0..<3))
        let repo = setup.environment["OPS_GITHUB_REPO"]!
        let page = try await setup.send("GET", "/repos/acme/\(repo)/labels?per_page=100")
        let kept = try JSONParser.parse(page.body, keepingMembers: GitHubLabelBody.members)
        let fast = try JSONValueDecoder.decode([GitHubLabelBody].self, from: kept)
        #expect(fast.map(\.name) == Self.names(0..<3))
        #expect(fast.allSatisfy { $0.color == "ededed" })
    }
}

/// A label page is read from its bytes straight into labels; anything that reader does not take
/// goes through `Decodable`, so results and errors are the same either way.
struct GitHubLabelPageDecodingTests {
    static func response(_ body: String) -> ServiceResponse {
        jsonResponse(body, service: "GitHub", path: "/repos/o/r/labels")
    }

    static func labels(_ body: String) throws -> [LabelSnapshot] {
        try GitHubLabelPage.read(response(body))
    }

    static func decodable(_ body: String) throws -> [LabelSnapshot] {
        try response(body).decodeJSON([GitHubLabelBody].self).map(LabelSnapshot.init)
    }

    @Test func aPageBecomesItsLabelsInOrder() throws {
        let body = #"[{"id": 1, "name": "bug", "color": "D73A4A", "description": "Broken", "default": true},"#
            + #" {"name": "docs", "color": "0075ca", "description": null}, {"color": "ededed", "name": "wip", "description": ""},"#
            + #" {"name": "déjà vu", "color": "ffffff", "node_id": "MDU6", "extra": {"name": [1, {"color": null}]}}]"#
        let labels = try Self.labels(body)
        #expect(labels.map(\.name) == ["bug", "docs", "wip", "déjà vu"])
        #expect(labels.map(\.color) == ["d73a4a", "0075ca", "ededed", "ffffff"])
        #expect(labels.map(\.description) == ["Broken", nil, nil, nil])
        #expect(labels == (try Self.decodable(body)))
    }

    @Test func aLabelTheReaderDoesNotTakeIsReportedAsDecodableReportsIt() throws {
        // A number where the name belongs: the fallback's error names the member and the request.
        for body in [
            #"[{"name": "bug", "color": "d73a4a"}, {"name": 7, "color": "ededed"}]"#,
            #"[{"name": "bug"}]"#,
            #"[{"name": null, "color": "d73a4a"}]"#,
            #"[{"name": "bug", "color": "d73a4a", "description": false}]"#,
        ] {
            let read = #expect(throws: HTTPClientError.self, "\(body)") { try Self.labels(body) }
            let viaDecodable = #expect(throws: HTTPClientError.self, "\(body)") {
                try Self.response(body).decodeJSON([GitHubLabelBody].self, keepingMembers: GitHubLabelBody.members)
            }
            #expect(read != nil && read == viaDecodable, "\(body)")
        }
        let named = #expect(throws: HTTPClientError.self) { try Self.labels(#"[{"name": 7, "color": "ededed"}]"#) }
        #expect(named?.message.contains("name") == true, "\(String(describing: named))")
        // Not an array at all: GitHub's error object, say.
        #expect(throws: HTTPClientError.self) { try Self.labels(#"{"message": "Not Found"}"#) }
    }

    /// A member the reader keeps, given twice, is left to `Decodable`, as the parse refuses it.
    @Test func aRepeatedMemberGoesTheDecodableWay() throws {
        let body = #"[{"name": "a", "color": "ededed", "name": "b"}]"#
        let read = Result { try Self.labels(body) }
        let decodable = Result { try Self.decodable(body) }
        switch (read, decodable) {
        case (.success(let labels), .success(let expected)): #expect(labels == expected)
        case (.failure(let error), .failure(let expected)): #expect((error as? HTTPClientError) == (expected as? HTTPClientError))
        default: Issue.record("the reader and Decodable disagree: \(read) against \(decodable)")
        }
    }
}
