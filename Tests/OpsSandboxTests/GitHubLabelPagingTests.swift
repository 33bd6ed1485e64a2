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

    /// Names and descriptions that need every kind of JSON escape and of percent-encoding.
    private static let awkwardLabels: [GitHubEmulator.Label] = [
        .init(id: 1, name: "bug", color: "d73a4a", description: "Something isn't working", isDefault: true),
        .init(id: 2, name: #"say "hi" \ back"#, color: "ededed", description: nil, isDefault: false),
        .init(id: 3, name: "tab\there\nnew line\u{1}\u{1F}", color: "ABCDEF", description: "ctrl \u{8}\u{C}\r", isDefault: false),
        .init(id: 40_000, name: "größe ✓ 🐛", color: "00ff00", description: "non-ASCII: é, 中文, 🐛", isDefault: false),
        .init(id: Int.max, name: "a/b?c#d%e&f=g+h", color: "000000", description: "", isDefault: true),
        .init(id: -7, name: "~-._ unreserved", color: "123abc", description: "</script>", isDefault: false),
    ]

    @Test("a page written as bytes equals the general encoder's output for the same labels")
    func bytesMatchTheGeneralEncoder() throws {
        let repository = GitHubEmulator.Repository.created(owner: "acme", name: "app")
        let links = GitHubEmulator.Links(api: "http://127.0.0.1:8080/github", repository: repository)
        let labels = Self.awkwardLabels
        for range in [0..<labels.count, 1..<4, 2..<2, 5..<6] {
            let page = labels[range]
            let general = JSONWriter.canonicalBytes(.array(page.map { GitHubEmulator.LabelRoutes.render($0, links) }))
            let written = GitHubEmulator.LabelPageJSON.bytes(page, links: links)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: general, as: UTF8.self))
            #expect(written == general)
        }
    }

    @Test("a page served over HTTP holds, byte for byte, the labels each single GET answers")
    func servedPageMatchesSingleLabels() throws {
        let harness = try SandboxHarness()
        let names = Self.awkwardLabels.map(\.name)
        for label in Self.awkwardLabels {
            var body: [String: JSONValue] = ["name": .string(label.name), "color": .string(label.color)]
            if let description = label.description { body["description"] = .string(description) }
            #expect(try harness.request("POST", "/github/repos/acme/app/labels", body: .object(body)).status == 201)
        }
        let page = try harness.request("GET", "/github/repos/acme/app/labels?per_page=100")
        #expect(page.status == 200)
        #expect(page.headers["Content-Type"] == "application/json; charset=utf-8")
        var singles: [[UInt8]] = []
        for name in names {
            let single = try harness.request("GET", "/github/repos/acme/app/labels/\(PercentEncoding.encode(name))")
            #expect(single.status == 200)
            singles.append(single.body)
        }
        let expected = Array("[".utf8) + Array(singles.joined(separator: Array(",".utf8))) + Array("]".utf8)
        #expect(page.text == String(decoding: expected, as: UTF8.self))
    }
}
