import OpsCore
import Testing
@testable import OpsSandbox

@Suite("JSON body reader: one reader, each vendor's envelope for what it refuses")
struct JSONBodyReaderTests {
    typealias GitHubBody = JSONBodyReader<GitHubEmulator.BodyErrors>
    typealias VercelBody = JSONBodyReader<VercelEmulator.BodyErrors>
    typealias StorageBody = JSONBodyReader<SupabaseEmulator.StorageBodyErrors>

    static let github = GitHubEmulator.BodyErrors(docs: "https://docs.github.com/x")

    /// The status and JSON body of the refusal `read` throws.
    func refusal(_ read: () throws(RouteFailure) -> Void) throws -> (status: Int, body: JSONValue) {
        do throws(RouteFailure) {
            try read()
        } catch {
            return (error.response.status, try JSONParser.parse(error.response.body))
        }
        Issue.record("the body was accepted")
        return (0, .null)
    }

    func github(_ status: Int, _ message: String) -> (Int, JSONValue) {
        (status, ["message": .string(message), "documentation_url": "https://docs.github.com/x"])
    }

    func vercel(_ message: String) -> (Int, JSONValue) {
        (400, ["error": ["code": "bad_request", "message": .string(message)]])
    }

    func storage(_ message: String) -> (Int, JSONValue) {
        (400, ["statusCode": "400", "error": "Bad Request", "message": .string(message)])
    }

    @Test("GitHub: 400 for bytes that are not JSON, 422 naming the member otherwise")
    func githubEnvelope() throws {
        #expect(try refusal { () throws(RouteFailure) in _ = try GitHubBody(body: Array(" \r\n".utf8), envelope: Self.github) } == github(400, "Problems parsing JSON"))
        #expect(try refusal { () throws(RouteFailure) in _ = try GitHubBody(body: Array("{".utf8), envelope: Self.github) } == github(400, "Problems parsing JSON"))
        #expect(try refusal { () throws(RouteFailure) in _ = try GitHubBody(body: Array("[1]".utf8), envelope: Self.github) }
            == github(422, "Invalid request.\n\nFor 'links/0/schema', [1] is not an object."))

        let body = try GitHubBody(body: Array(#"{"checks": {"strict": "yes", "labels": ["a", 1]}, "name": null}"#.utf8), envelope: Self.github)
        let checks = try #require(try body.object("checks"))
        #expect(try refusal { () throws(RouteFailure) in _ = try checks.bool("strict") }
            == github(422, #"Invalid request.\#n\#nFor 'properties/checks/strict', "yes" is not a boolean."#))
        #expect(try refusal { () throws(RouteFailure) in _ = try checks.bool("strict", nullable: true) }
            == github(422, #"Invalid request.\#n\#nFor 'properties/checks/strict', "yes" is not a boolean or null."#))
        #expect(try refusal { () throws(RouteFailure) in _ = try checks.stringArray("labels") }
            == github(422, #"Invalid request.\#n\#nFor 'properties/checks/labels', ["a",1] is not an array of strings."#))
        #expect(try refusal { () throws(RouteFailure) in _ = try body.string("name") }
            == github(422, "Invalid request.\n\nFor 'properties/name', null is not a string."))
        #expect(try body.string("name", nullable: true) == nil)
        #expect(try refusal { () throws(RouteFailure) in try body.require(["name", "sha", "ref"]) }
            == github(422, #"Invalid request.\#n\#n"sha", "ref" weren't supplied."#), "null counts as supplied")
    }

    @Test("GitHub: a blank body reads as {} only where the endpoint allows it")
    func blankAsEmptyObject() throws {
        let body = try GitHubBody(body: Array(" \n".utf8), envelope: Self.github, blankIsEmptyObject: true)
        #expect(body.members.isEmpty)
        #expect(try refusal { () throws(RouteFailure) in _ = try GitHubBody(body: Array("nope".utf8), envelope: Self.github, blankIsEmptyObject: true) }
            == github(400, "Problems parsing JSON"))
    }

    @Test("Vercel: 400 bad_request in its {error: {code, message}} envelope")
    func vercelEnvelope() throws {
        let envelope = VercelEmulator.BodyErrors()
        #expect(try refusal { () throws(RouteFailure) in _ = try VercelBody.value(of: [], envelope: envelope) } == vercel("A request body is required"))
        let broken = try refusal { () throws(RouteFailure) in _ = try VercelBody.value(of: Array("{\"a\":".utf8), envelope: envelope) }
        #expect(broken.status == 400)
        #expect(broken.body["error"]?["message"]?.stringValue?.hasPrefix("Invalid JSON: ") == true)
        #expect(broken.body["error"]?["message"]?.stringValue?.contains("at line 1, column") == true)
        #expect(try VercelBody.value(of: Array("[{}]".utf8), envelope: envelope) == [[:]], "Vercel's create takes arrays too")
        #expect(try refusal { () throws(RouteFailure) in _ = try VercelBody(body: Array("[]".utf8), envelope: envelope) }
            == vercel("Invalid request: body must be object."))

        let body = try VercelBody(body: Array(#"{"gitBranch": 5, "key": 1}"#.utf8), envelope: envelope)
        #expect(try refusal { () throws(RouteFailure) in _ = try body.string("gitBranch", nullable: true) }
            == vercel("Invalid request: `gitBranch` should be string,null."))
        #expect(try refusal { () throws(RouteFailure) in _ = try body.string("key") } == vercel("Invalid request: `key` should be string."))
        #expect(try refusal { () throws(RouteFailure) in try body.require(["name"]) } == vercel("Invalid request: missing required property `name`."))
    }

    @Test("Supabase Storage: Fastify's messages in Storage's {statusCode, error, message} envelope")
    func storageEnvelope() throws {
        let envelope = SupabaseEmulator.StorageBodyErrors()
        #expect(try refusal { () throws(RouteFailure) in _ = try StorageBody(body: [], envelope: envelope) }
            == storage("Body cannot be empty when content-type is set to 'application/json'"))
        #expect(try refusal { () throws(RouteFailure) in _ = try StorageBody(body: Array("{x}".utf8), envelope: envelope) } == storage("Body is not valid JSON"))
        #expect(try refusal { () throws(RouteFailure) in _ = try StorageBody(body: Array("\"a\"".utf8), envelope: envelope) } == storage("body must be object"))

        let body = try StorageBody(body: Array(#"{"public": "yes", "allowed_mime_types": ["image/png", 3], "file_size_limit": true}"#.utf8), envelope: envelope)
        #expect(try refusal { () throws(RouteFailure) in _ = try body.bool("public") } == storage("body/public must be boolean"))
        #expect(try refusal { () throws(RouteFailure) in _ = try body.allowedMimeTypes() } == storage("body/allowed_mime_types/1 must be string"))
        #expect(try refusal { () throws(RouteFailure) in _ = try body.fileSizeLimit() } == storage("body/file_size_limit must be integer,string"))
        #expect(try refusal { () throws(RouteFailure) in try body.require(["name"]) } == storage("body must have required property 'name'"))
    }

    @Test("control endpoint: the parser's own complaint, empty bodies included")
    func controlEnvelope() throws {
        for bytes in [[], Array("{".utf8)] {
            let refused = try refusal { () throws(RouteFailure) in _ = try JSONBodyReader.value(of: bytes, envelope: ControlEndpoint.BodyErrors()) }
            #expect(refused.status == 400)
            #expect(refused.body["message"]?.stringValue?.hasPrefix("the body is not JSON: ") == true)
        }
    }

    @Test("nested readers report members by their path within the body")
    func paths() throws {
        let body = try GitHubBody(body: Array(#"{"a": {"b": {}}}"#.utf8), envelope: Self.github)
        let inner = try #require(try body.object("a")?.object("b"))
        #expect(inner.path == "a/b")
        #expect(inner.path(of: "c") == "a/b/c")
        #expect(body.nested([:], at: "a/items").path(of: "d") == "a/items/d")
    }
}
