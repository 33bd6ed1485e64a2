import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

/// The Supabase Storage emulator over raw HTTP: routes, envelopes, auth and state.
@Suite("Supabase Storage emulator: buckets, envelopes, auth, state")
struct SupabaseStorageEmulatorTests {
    static let key = "service-role-key-for-tests"
    static let headers: [(String, String)] = [
        ("apikey", key), ("Authorization", "Bearer \(key)"), ("Content-Type", "application/json"),
    ]
    static let bucketPath = "/supabase/storage/v1/bucket"

    private func harness(_ configuration: SandboxConfiguration = SandboxConfiguration()) throws -> SandboxHarness {
        try SandboxHarness(configuration, emulators: [SupabaseEmulator()])
    }

    private func send(
        _ harness: SandboxHarness, _ method: String, _ path: String = bucketPath, headers: [(String, String)] = headers,
        body: JSONValue? = nil
    ) throws -> RawResponse {
        try harness.request(method, path, headers: headers, body: body)
    }

    /// The logical status Storage puts in its envelope.
    private func logical(_ response: RawResponse) throws -> JSONValue? {
        try response.json()["statusCode"]
    }

    @Test("the default sandbox mounts Supabase beside GitHub")
    func mountedByDefault() {
        #expect(SandboxServer.defaultEmulators().map(\.scope).contains("supabase"))
    }

    @Test("create answers 200 {name}; list is a bare array of the bucket columns; get returns one")
    func createListGet() throws {
        let harness = try harness()
        let created = try send(harness, "POST", body: [
            "name": "avatars", "public": true, "file_size_limit": 5_242_880, "allowed_mime_types": ["image/png", "image/jpeg"],
        ])
        #expect(created.status == 200)
        #expect(try created.json() == ["name": "avatars"])

        let list = try send(harness, "GET")
        #expect(list.status == 200)
        let buckets = try #require(try list.json().arrayValue)
        #expect(buckets.count == 1)
        let bucket = try #require(buckets.first?.objectValue)
        #expect(Set(bucket.keys) == [
            "id", "name", "owner", "public", "type", "file_size_limit", "allowed_mime_types", "created_at", "updated_at",
        ])
        #expect(bucket["id"] == "avatars")
        #expect(bucket["public"] == true)
        #expect(bucket["file_size_limit"] == 5_242_880)
        #expect(bucket["allowed_mime_types"] == ["image/png", "image/jpeg"])
        #expect(bucket["type"] == "STANDARD")
        // PostgreSQL's timestamptz as JSON: microseconds and an explicit offset.
        let createdAt = try #require(bucket["created_at"]?.stringValue)
        #expect(createdAt.count == "2021-02-17T04:43:32.770206+00:00".count && createdAt.hasSuffix("+00:00"))

        let one = try send(harness, "GET", "\(Self.bucketPath)/avatars")
        #expect(one.status == 200)
        #expect(try one.json() == .object(bucket))
    }

    @Test("the id defaults to the name, may differ from it, and public defaults to false")
    func idsAndDefaults() throws {
        let harness = try harness()
        #expect(try send(harness, "POST", body: ["name": "docs", "id": "docs-id"]).status == 200)
        let bucket = try send(harness, "GET", "\(Self.bucketPath)/docs-id").json()
        #expect(bucket["name"] == "docs")
        #expect(bucket["public"] == false)
        #expect(bucket["file_size_limit"] == .null)
        #expect(bucket["allowed_mime_types"] == .null)
        #expect(try send(harness, "GET", "\(Self.bucketPath)/docs").status == 400)
    }

    @Test("a duplicate id or name is HTTP 400 with statusCode 409 BucketAlreadyExists")
    func duplicate() throws {
        let harness = try harness()
        _ = try send(harness, "POST", body: ["name": "avatars"])
        for body: JSONValue in [["name": "avatars"], ["name": "avatars", "id": "other"], ["name": "other", "id": "avatars"]] {
            let again = try send(harness, "POST", body: body)
            #expect(again.status == 400)
            #expect(try again.json() == [
                "statusCode": "409", "code": "BucketAlreadyExists", "error": "Duplicate", "message": "The resource already exists",
            ])
        }
    }

    @Test("a missing bucket is HTTP 400 with statusCode 404 NoSuchBucket on get, update, delete and empty")
    func missing() throws {
        let harness = try harness()
        let expected: JSONValue = ["statusCode": "404", "code": "NoSuchBucket", "error": "Bucket not found", "message": "Bucket not found"]
        let attempts: [(String, String, JSONValue?)] = [
            ("GET", "\(Self.bucketPath)/nope", nil), ("PUT", "\(Self.bucketPath)/nope", ["public": true]),
            ("DELETE", "\(Self.bucketPath)/nope", nil), ("POST", "\(Self.bucketPath)/nope/empty", nil),
        ]
        for (method, path, body) in attempts {
            let response = try send(harness, method, path, body: body)
            #expect(response.status == 400, "\(method) \(path)")
            #expect(try response.json() == expected, "\(method) \(path)")
        }
    }

    @Test("update answers {message}; absent settings stay, null clears, size strings are decimal units")
    func update() throws {
        let harness = try harness()
        _ = try send(harness, "POST", body: ["name": "avatars", "file_size_limit": 1000, "allowed_mime_types": ["image/png"]])
        let updated = try send(harness, "PUT", "\(Self.bucketPath)/avatars", body: ["public": true])
        #expect(updated.status == 200)
        #expect(try updated.json() == ["message": "Successfully updated"])
        var bucket = try send(harness, "GET", "\(Self.bucketPath)/avatars").json()
        #expect(bucket["public"] == true)
        #expect(bucket["file_size_limit"] == 1000)
        #expect(bucket["allowed_mime_types"] == ["image/png"])

        _ = try send(harness, "PUT", "\(Self.bucketPath)/avatars", body: ["file_size_limit": "5MB", "allowed_mime_types": .null])
        bucket = try send(harness, "GET", "\(Self.bucketPath)/avatars").json()
        #expect(bucket["file_size_limit"] == 5_000_000)
        #expect(bucket["allowed_mime_types"] == .null)

        _ = try send(harness, "PUT", "\(Self.bucketPath)/avatars", body: ["file_size_limit": .null])
        #expect(try send(harness, "GET", "\(Self.bucketPath)/avatars").json()["file_size_limit"] == .null)
    }

    @Test("delete answers {message} and the bucket is gone")
    func delete() throws {
        let harness = try harness()
        _ = try send(harness, "POST", body: ["name": "avatars"])
        let deleted = try send(harness, "DELETE", "\(Self.bucketPath)/avatars")
        #expect(deleted.status == 200)
        #expect(try deleted.json() == ["message": "Successfully deleted"])
        #expect(try send(harness, "GET").json() == [])
    }

    /// Bodies `POST /bucket` refuses, with the envelope's `statusCode` and `code` (nil: Fastify's, which has none).
    static let invalidBodies: [(JSONValue, String, String?)] = [
        (["public": true], "400", nil),
        (["name": 7], "400", nil),
        (["name": "ok", "public": "yes"], "400", nil),
        (["name": "ok", "file_size_limit": -1], "400", nil),
        (["name": "ok", "file_size_limit": "five megabytes"], "400", "InvalidRequest"),
        (["name": "ok", "allowed_mime_types": "image/png"], "400", nil),
        (["name": "no/slash"], "400", "InvalidBucketName"),
        (["name": ""], "400", "InvalidBucketName"),
        (["name": "ok", "file_size_limit": "600GB"], "422", "InvalidRequest"),
    ]

    @Test(
        "bodies breaking the schema get Fastify's 400; invalid names and oversized limits get Storage's codes",
        arguments: SupabaseStorageEmulatorTests.invalidBodies
    )
    func invalidCreate(body: JSONValue, statusCode: String, code: String?) throws {
        let harness = try harness()
        let response = try send(harness, "POST", body: body)
        #expect(response.status == 400)
        let json = try response.json()
        #expect(json["statusCode"] == .string(statusCode))
        #expect(json["code"] == code.map(JSONValue.string))
        #expect(json["message"]?.stringValue?.isEmpty == false)
        #expect(try send(harness, "GET").json() == [])
    }

    @Test("the gateway wants an apikey (401); Storage wants a bearer token (403 in a 400); sb_secret_ keys need no bearer")
    func authentication() throws {
        let harness = try harness()
        let noKey = try send(harness, "GET", headers: [("Authorization", "Bearer \(Self.key)")])
        #expect(noKey.status == 401)
        #expect(try noKey.json()["message"] == "No API key found in request")

        let noBearer = try send(harness, "GET", headers: [("apikey", Self.key)])
        #expect(noBearer.status == 400)
        #expect(try noBearer.json()["statusCode"] == "403")
        #expect(try noBearer.json()["code"] == "AccessDenied")

        let malformed = try send(harness, "GET", headers: [("apikey", Self.key), ("Authorization", "Basic abc")])
        #expect(try logical(malformed) == "403")

        #expect(try send(harness, "GET", headers: [("apikey", "sb_secret_sandbox")]).status == 200)
        #expect(try send(harness, "GET", headers: [("apikey", "any"), ("Authorization", "Bearer other")]).status == 200)
    }

    @Test("listing honours limit, offset, sortColumn, sortOrder and search, and rejects unknown sort columns")
    func listQuery() throws {
        let harness = try harness()
        for name in ["c-bucket", "a-bucket", "b-bucket", "z-other"] { _ = try send(harness, "POST", body: ["name": .string(name)]) }
        func names(_ query: String) throws -> [String] {
            try send(harness, "GET", "\(Self.bucketPath)?\(query)").json().arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }
        #expect(try names("") == ["a-bucket", "b-bucket", "c-bucket", "z-other"])
        #expect(try names("limit=2&offset=1") == ["b-bucket", "c-bucket"])
        #expect(try names("sortColumn=id&sortOrder=desc&limit=1") == ["z-other"])
        #expect(try names("search=BUCK") == ["a-bucket", "b-bucket", "c-bucket"])
        #expect(try names("offset=10") == [])
        let bad = try send(harness, "GET", "\(Self.bucketPath)?sortColumn=size")
        #expect(bad.status == 400)
        #expect(try logical(bad) == "400")
    }

    @Test("unknown Supabase prefixes get the gateway's 404; unknown Storage routes Fastify's, with a numeric statusCode")
    func unknownRoutes() throws {
        let harness = try harness()
        let gateway = try send(harness, "GET", "/supabase/rest/v1/profiles")
        #expect(gateway.status == 404)
        #expect(try gateway.json() == ["message": "no Route matched with those values"])
        let fastify = try send(harness, "PATCH", "\(Self.bucketPath)/avatars")
        #expect(fastify.status == 404)
        #expect(try fastify.json()["statusCode"] == 404)
    }

    @Test("injected faults use Storage's envelope: 429 SlowDown with Retry-After, 500 InternalError")
    func injectedFaults() throws {
        let emulator = SupabaseEmulator()
        let request = EmulatorRequest(
            method: "GET", path: "/storage/v1/bucket", query: QueryParameters(), headers: HTTPHeaders(), body: [],
            mountURL: "http://127.0.0.1:1/supabase", original: HTTPRequest(method: "GET", target: "/supabase/storage/v1/bucket"))
        let throttled = emulator.errorResponse(.injected(status: 429), for: request)
        #expect(throttled.status == 429)
        #expect(throttled.headers["Retry-After"] == "1")
        let body = try JSONParser.parse(throttled.body)
        #expect(body["code"] == "SlowDown")
        #expect(body["statusCode"] == "429")
        let failed = emulator.errorResponse(.injected(status: 500), for: request)
        #expect(failed.status == 500)
        #expect(try JSONParser.parse(failed.body)["code"] == "InternalError")
    }

    @Test("buckets persist in the state file under supabase.storage, other members survive, a bad file is refused")
    func statePersistence() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        try Data(#"{"supabase": {"future": {"kept": true}, "storage": {"buckets": {"seeded": {"public": true}}}}}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        do {
            let harness = try harness(SandboxConfiguration(stateFile: file))
            let seeded = try send(harness, "GET", "\(Self.bucketPath)/seeded").json()
            #expect(seeded["name"] == "seeded")
            #expect(seeded["public"] == true)
            #expect(try send(harness, "POST", body: ["name": "avatars", "file_size_limit": 10]).status == 200)
        }
        let saved = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(saved["supabase"]?["future"] == ["kept": true])
        #expect(saved["supabase"]?["storage"]?["buckets"]?["avatars"]?["file_size_limit"] == 10)
        // No credential reaches the state file.
        #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self).contains(Self.key))

        let reopened = try harness(SandboxConfiguration(stateFile: file))
        #expect(try send(reopened, "GET").json().arrayValue?.count == 2)

        let bad = directory.file("bad.json")
        try Data(#"{"supabase": {"storage": {"buckets": {"a": {"public": "yes"}}}}}"#.utf8).write(to: URL(fileURLWithPath: bad))
        #expect(throws: SandboxStateError.self) { try SandboxServer(configuration: SandboxConfiguration(stateFile: bad), emulators: [SupabaseEmulator()]) }
    }
}
