import OpsCore
import Testing
@testable import OpsSandbox

@Suite("GitHub emulator: labels")
struct GitHubLabelTests {
    let labels = "/github/repos/acme/app/labels"

    @Test("create answers 201 with the label and its Location")
    func create() throws {
        let harness = try SandboxHarness()
        let response = try harness.request("POST", labels, body: ["name": "good first issue", "color": "7057ff", "description": "Good for newcomers"])
        #expect(response.status == 201)
        let label = try response.json()
        #expect(label["name"] == "good first issue")
        #expect(label["color"] == "7057ff")
        #expect(label["default"] == false)
        #expect(label["id"]?.intValue != nil)
        #expect(label["node_id"]?.stringValue?.isEmpty == false)
        let url = "\(harness.baseURL)/github/repos/acme/app/labels/good%20first%20issue"
        #expect(label["url"]?.stringValue == url)
        #expect(response.headers["Location"] == url)
        #expect(Set(label.objectValue!.keys) == ["id", "node_id", "url", "name", "description", "color", "default"])
    }

    @Test("a duplicate name, in any case, is 422 already_exists")
    func duplicate() throws {
        let harness = try SandboxHarness()
        #expect(try harness.request("POST", labels, body: ["name": "Bug", "color": "d73a4a"]).status == 201)
        let response = try harness.request("POST", labels, body: ["name": "bug", "color": "d73a4a"])
        #expect(response.status == 422)
        #expect(try response.json() == [
            "message": "Validation Failed",
            "errors": [["resource": "Label", "code": "already_exists", "field": "name"]],
            "documentation_url": "https://docs.github.com/rest/issues/labels#create-a-label",
        ])
    }

    @Test(
        "invalid bodies are refused the way GitHub refuses them",
        arguments: [
            (#"{"color":"d73a4a"}"#, 422, "missing_field"),
            (##"{"name":"x","color":"#d73a4a"}"##, 422, "invalid"),
            (#"{"name":"x","color":"red"}"#, 422, "invalid"),
            (#"{"name":"x","description":"\#(String(repeating: "d", count: 101))"}"#, 422, "custom"),
            (#"{"name":5}"#, 422, ""),
            (#"{"name":"x""#, 400, ""),
            (#"[1,2]"#, 422, ""),
        ]
    )
    func invalid(body: String, status: Int, code: String) throws {
        let harness = try SandboxHarness()
        let response = try harness.request("POST", labels, rawBody: Array(body.utf8))
        #expect(response.status == status)
        let json = try response.json()
        if code.isEmpty {
            #expect(json["documentation_url"] != nil)
        } else {
            #expect(json["errors"]?.arrayValue?.first?["code"]?.stringValue == code)
        }
        if status == 400 { #expect(json["message"] == "Problems parsing JSON") }
    }

    @Test("get, update by percent-encoded name, rename, and delete")
    func lifecycle() throws {
        let harness = try SandboxHarness()
        _ = try harness.request("POST", labels, body: ["name": "help wanted", "color": "008672"])
        _ = try harness.request("POST", labels, body: ["name": "bug", "color": "d73a4a"])

        let fetched = try harness.request("GET", "\(labels)/HELP%20WANTED")
        #expect(fetched.status == 200)
        #expect(try fetched.json()["name"] == "help wanted")

        let badColour = try harness.request("PATCH", "\(labels)/help%20wanted", body: ["color": "zzzzzz"])
        #expect(badColour.status == 422)
        #expect(try badColour.json()["errors"]?.arrayValue?.first?["field"] == "color")

        let clash = try harness.request("PATCH", "\(labels)/help%20wanted", body: ["new_name": "BUG"])
        #expect(clash.status == 422)
        #expect(try clash.json()["errors"]?.arrayValue?.first?["code"] == "already_exists")

        let renamed = try harness.request("PATCH", "\(labels)/help%20wanted", body: ["new_name": "help: wanted 🙏", "color": "ffffff", "description": "Extra attention"])
        #expect(renamed.status == 200)
        let label = try renamed.json()
        #expect(label["name"] == "help: wanted 🙏")
        #expect(label["color"] == "ffffff")
        #expect(label["description"] == "Extra attention")
        #expect(label["url"]?.stringValue == "\(harness.baseURL)/github/repos/acme/app/labels/help%3A%20wanted%20%F0%9F%99%8F")

        #expect(try harness.request("GET", "\(labels)/help%20wanted").status == 404)
        #expect(try harness.request("DELETE", "\(labels)/help%3A%20wanted%20%F0%9F%99%8F").status == 204)
        #expect(try harness.request("DELETE", "\(labels)/help%3A%20wanted%20%F0%9F%99%8F").status == 404)
        #expect(try harness.request("PATCH", "\(labels)/nothing", body: ["color": "ffffff"]).status == 404)
        let remaining = try harness.request("GET", labels).json()
        #expect(remaining.arrayValue?.map { $0["name"] } == ["bug"])
    }

    @Test("a name holding a slash is one encoded path segment")
    func slashInName() throws {
        let harness = try SandboxHarness()
        #expect(try harness.request("POST", labels, body: ["name": "area/api"]).status == 201)
        #expect(try harness.request("GET", "\(labels)/area%2Fapi").status == 200)
    }

    @Test("250 labels come back in pages whose Link header leads to the end")
    func pagination() throws {
        let harness = try SandboxHarness()
        for index in 0..<250 {
            #expect(try harness.request("POST", labels, body: ["name": .string("label-\(index)"), "color": "ededed"]).status == 201)
        }

        let defaultPage = try harness.request("GET", labels)
        #expect(defaultPage.status == 200)
        #expect(try defaultPage.json().arrayValue?.count == 30)
        let defaultLinks = parseLinkHeader(defaultPage.headers["Link"])
        #expect(defaultLinks["next"] == "\(harness.baseURL)\(labels)?page=2")
        #expect(defaultLinks["last"] == "\(harness.baseURL)\(labels)?page=9")
        #expect(defaultLinks["prev"] == nil && defaultLinks["first"] == nil)

        var names: [String] = []
        var next: String? = "\(harness.baseURL)\(labels)?per_page=100"
        var pages = 0
        while let url = next {
            let page = try harness.request("GET", harness.path(of: url))
            #expect(page.status == 200)
            names += try page.json().arrayValue!.compactMap { $0["name"]?.stringValue }
            let links = parseLinkHeader(page.headers["Link"])
            pages += 1
            if pages > 1 {
                #expect(links["prev"] != nil)
                #expect(links["first"] == "\(harness.baseURL)\(labels)?per_page=100&page=1")
            }
            if links["next"] != nil { #expect(links["last"] == "\(harness.baseURL)\(labels)?per_page=100&page=3") }
            next = links["next"]
            if pages > 10 { break }
        }
        #expect(pages == 3)
        #expect(names == (0..<250).map { "label-\($0)" })

        let capped = try harness.request("GET", "\(labels)?per_page=500")
        #expect(try capped.json().arrayValue?.count == 100)
        let beyond = try harness.request("GET", "\(labels)?per_page=100&page=7")
        #expect(try beyond.json() == [])
    }

    @Test("one page needs no Link header")
    func singlePage() throws {
        let harness = try SandboxHarness()
        _ = try harness.request("POST", labels, body: ["name": "only"])
        let page = try harness.request("GET", labels)
        #expect(page.headers["Link"] == nil)
        #expect(try page.json().arrayValue?.first?["color"] == "ededed")
    }
}
