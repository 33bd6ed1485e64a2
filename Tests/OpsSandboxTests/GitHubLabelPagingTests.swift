import Foundation
import OpsCore
import Testing
@testable import OpsSandbox

/// Pages render only their own labels (docs/performance.md); what a client sees must not change.
@Suite("GitHub emulator: label pages")
struct GitHubLabelPagingTests {
    /// A state file whose labels are stored out of id order, so the listing has to sort them.
    private func harness(labels: [(id: Int, name: String)]) throws -> (SandboxHarness, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let entries = labels.map { #"{"id": \#($0.id), "name": "\#($0.name)", "color": "ededed"}"# }.joined(separator: ",")
        let state = #"{"github": {"next_id": 100, "repos": {"acme/app": {"labels": [\#(entries)]}}}}"#
        try Data(state.utf8).write(to: URL(fileURLWithPath: directory.file("state.json")))
        return (try SandboxHarness(SandboxConfiguration(stateFile: directory.file("state.json"))), directory)
    }

    @Test("labels stored out of id order are listed in id order, page by page")
    func outOfOrder() throws {
        let (harness, directory) = try harness(labels: [(5, "e"), (1, "a"), (4, "d"), (2, "b"), (3, "c")])
        defer { directory.remove() }
        var names: [String] = []
        for page in 1...3 {
            let response = try harness.request("GET", "/github/repos/acme/app/labels?per_page=2&page=\(page)")
            #expect(response.status == 200)
            names += try response.json().arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }
        #expect(names == ["a", "b", "c", "d", "e"])
    }

    @Test("a page past the end is an empty list; names match ignoring ASCII case")
    func pastTheEndAndCase() throws {
        let (harness, directory) = try harness(labels: [(1, "Good First Issue"), (2, "bug")])
        defer { directory.remove() }
        #expect(try harness.request("GET", "/github/repos/acme/app/labels?per_page=2&page=2").json() == .array([]))
        #expect(try harness.request("GET", "/github/repos/acme/app/labels/good%20first%20ISSUE").status == 200)
        #expect(try harness.request("GET", "/github/repos/acme/app/labels/good%20first").status == 404)
    }
}
