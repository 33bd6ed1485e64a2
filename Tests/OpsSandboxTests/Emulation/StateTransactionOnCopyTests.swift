import Foundation
import OpsCore
import Testing
@testable import OpsSandbox

@Suite("Transaction on a copy: a route's change lands whole or not at all")
struct StateTransactionOnCopyTests {
    /// A minimal state section: one counter.
    struct Tally: SandboxStateSection {
        var count: Int

        static let empty = Tally(count: 0)

        init(count: Int) {
            self.count = count
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            count = try JSONFieldReader(stateJSON, path: "").optionalInt("count") ?? 0
        }

        var stateJSON: JSONValue { ["count": .int(count)] }
    }

    static let unsaved = HTTPResponse.text(500, "unsaved")

    func bump(_ store: SandboxStateStore, by step: Int = 1, thenFail failure: RouteFailure? = nil) -> HTTPResponse {
        store.transactionOnCopy(Tally.self, scope: "tally") { tally throws(RouteFailure) in
            tally.count += step
            if let failure { throw failure }
            return .json(200, .int(tally.count))
        } unsaved: { _ in
            Self.unsaved
        }
    }

    @Test("a route that returns commits its change and saves it")
    func commit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        let store = try SandboxStateStore(file: file)
        #expect(bump(store).status == 200)
        #expect(store.document()["tally"] == ["count": 1])
        #expect(try SandboxStateStore(file: file).document()["tally"] == ["count": 1])
    }

    @Test("a route that throws half-way leaves no trace, in memory or on disk")
    func rollback() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        let store = try SandboxStateStore(file: file)
        #expect(bump(store).status == 200)
        let saved = try String(contentsOfFile: file, encoding: .utf8)

        let refusal = HTTPResponse.json(422, ["message": "no"])
        #expect(bump(store, by: 5, thenFail: RouteFailure(response: refusal)) == refusal)
        #expect(store.document()["tally"] == ["count": 1])
        #expect(try String(contentsOfFile: file, encoding: .utf8) == saved)
        #expect(bump(store).body == Array("2".utf8), "the next route sees the state before the failed one")
    }

    @Test("a change the store cannot save is answered with the vendor's error and not kept")
    func unsaved() throws {
        let directory = try TemporaryDirectory()
        let store = try SandboxStateStore(file: directory.file("state.json"))
        #expect(bump(store).status == 200)
        directory.remove()
        #expect(bump(store) == Self.unsaved)
        #expect(store.document()["tally"] == ["count": 1])
    }

    @Test("a route that changes nothing writes nothing")
    func readOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        let store = try SandboxStateStore(file: file)
        #expect(bump(store, by: 0).status == 200)
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
