import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The Storage connector against the sandbox's Supabase emulator, over real HTTP on loopback.
@Suite("Supabase Storage connector")
struct SupabaseStorageConnectorTests {
    static func desired(_ buckets: [StorageBucket]) -> DesiredState {
        DesiredState(supabase: SupabaseConfig(storage: SupabaseStorage(buckets: buckets)))
    }

    static let declared = [
        StorageBucket(name: "avatars", isPublic: true, fileSizeLimit: 5_242_880, allowedMimeTypes: ["image/png", "image/jpeg"]),
        StorageBucket(name: "docs", isPublic: false, fileSizeLimit: nil, allowedMimeTypes: nil),
    ]

    @Test("plan proposes create and update, apply carries them out, and a re-plan is clean")
    func planApplyReplan() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        try await setup.send("POST", "/bucket", ["name": "docs", "public": true, "file_size_limit": 1000])
        let connector = try setup.connector()
        #expect(connector.scope == .supabase)

        let plan = await connector.plan(PlanRequest(desired: Self.desired(Self.declared)))
        #expect(plan.changes.map(\.id.description) == ["supabase.bucket.create.avatars", "supabase.bucket.update.docs"])
        #expect(plan.checks.map(\.status) == [.fail, .fail])
        #expect(plan.requestCount == 1)

        for change in plan.changes {
            #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged)
            guard case .applied(let before, let after, let detail) = await connector.apply(ApplyRequest(change: change, secrets: SupabaseStorageSandbox.noSecrets))
            else {
                Issue.record("applying \(change.id) failed")
                continue
            }
            #expect(before == change.before)
            #expect(after == change.after)
            #expect(detail.contains("the bucket '\(change.id.name)'"))
            #expect(await connector.refresh(RefreshRequest(change: change)) == .alreadyApplied)
        }

        let again = await connector.plan(PlanRequest(desired: Self.desired(Self.declared)))
        #expect(again.changes.isEmpty)
        #expect(again.checks.map(\.status) == [.pass, .pass])

        let avatars = try await setup.send("GET", "/bucket/avatars").decodeJSON(StorageBucketBody.self)
        #expect(avatars.public == true)
        #expect(avatars.file_size_limit == 5_242_880)
        #expect(avatars.allowed_mime_types.map { Set($0) } == ["image/png", "image/jpeg"])
        let docs = try await setup.send("GET", "/bucket/docs").decodeJSON(StorageBucketBody.self)
        #expect(docs.public == false)
        #expect(docs.file_size_limit == nil)
    }

    @Test("a bucket changed, created or deleted after the plan is reported as moved, naming what moved")
    func staleDetection() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        try await setup.send("POST", "/bucket", ["name": "docs", "public": true])
        let connector = try setup.connector()
        let plan = await connector.plan(PlanRequest(desired: Self.desired(Self.declared)))
        let create = try #require(plan.changes.first { $0.id.action == "create" })
        let update = try #require(plan.changes.first { $0.id.action == "update" })

        try await setup.send("PUT", "/bucket/docs", ["file_size_limit": 42])
        guard case .moved(let now, let detail) = await connector.refresh(RefreshRequest(change: update)) else {
            Issue.record("an edited bucket was not reported as moved")
            return
        }
        #expect(now != update.observed)
        #expect(now.hasPrefix("sha256:"))
        #expect(detail == "fileSizeLimit changed")

        try await setup.send("POST", "/bucket", ["name": "avatars", "public": false])
        guard case .moved(_, let created) = await connector.refresh(RefreshRequest(change: create)) else {
            Issue.record("a bucket created by someone else was not reported as moved")
            return
        }
        #expect(created == "it was created by someone else")

        try await setup.send("DELETE", "/bucket/docs")
        guard case .moved(_, let deleted) = await connector.refresh(RefreshRequest(change: update)) else {
            Issue.record("a deleted bucket was not reported as moved")
            return
        }
        #expect(deleted == "it was deleted")
    }

    @Test("a bucket already in the desired state after plan is 'already applied', not stale")
    func alreadyApplied() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        let connector = try setup.connector()
        let plan = await connector.plan(PlanRequest(desired: Self.desired([StorageBucket(name: "docs")])))
        let create = try #require(plan.changes.first)
        try await setup.send("POST", "/bucket", ["name": "docs"])
        #expect(await connector.refresh(RefreshRequest(change: create)) == .alreadyApplied)
    }

    @Test("Storage's 404 in a 400 envelope becomes 'no bucket', with a hint; a read of it is nil")
    func missingBucket() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        let buckets = try setup.buckets()
        #expect(try await buckets.api.bucket(id: "ghost") == nil)
        let ghost = StorageBucketSnapshot(id: "ghost", name: "ghost", isPublic: true, fileSizeLimit: nil, allowedMimeTypes: nil)
        await #expect(throws: SupabaseStorageError.bucketNotFound(bucket: "ghost")) { try await buckets.api.updateBucket(ghost) }

        let (_, changes) = StorageBucketReconciler.buckets(
            desired: [StorageBucket(name: "ghost", isPublic: true)],
            remote: [StorageBucketSnapshot(id: "ghost", name: "ghost", isPublic: false, fileSizeLimit: nil, allowedMimeTypes: nil)])
        let update = try #require(changes.first)
        guard case .failed(let diagnostic) = await buckets.apply(update, payload: try StorageBucketChange(change: update)) else {
            Issue.record("updating a missing bucket did not fail")
            return
        }
        #expect(diagnostic.message == "Supabase Storage has no bucket 'ghost'")
        #expect(diagnostic.hint?.contains("re-run 'opsctl plan'") == true)
        #expect(!diagnostic.message.contains("400"))
    }

    @Test("Storage's 409 in a 400 envelope becomes 'already has a bucket'")
    func duplicateBucket() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        let buckets = try setup.buckets()
        let plan = await buckets.plan(SupabaseStorage(buckets: [StorageBucket(name: "avatars")]))
        let create = try #require(plan.changes.first)
        try await setup.send("POST", "/bucket", ["name": "avatars"])
        guard case .failed(let diagnostic) = await buckets.apply(create, payload: try StorageBucketChange(change: create)) else {
            Issue.record("creating a duplicate bucket did not fail")
            return
        }
        #expect(diagnostic.message == "Supabase Storage already has a bucket 'avatars'")
        #expect(diagnostic.hint?.contains("re-run 'opsctl plan'") == true)
    }

    @Test("other envelopes keep their logical status, code and message; a refused key says which variable to check")
    func otherEnvelopes() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        let buckets = try setup.buckets()
        let tooLarge = StorageBucketSnapshot(id: "big", name: "big", isPublic: false, fileSizeLimit: 900_000_000_000, allowedMimeTypes: nil)
        do {
            try await buckets.api.createBucket(tooLarge)
            Issue.record("an oversized limit was accepted")
        } catch let error as SupabaseStorageError {
            #expect(error.message.hasPrefix("Supabase Storage rejected creating the bucket 'big' (422"))
            #expect(error.message.hasSuffix("the requested max_file_size exceed the global limit"))
            #expect(error.hint.contains("global upload limit"))
        }

        try await setup.script("GET", "/supabase/storage/v1/bucket", [[
            "status": 400, "body": ["statusCode": "403", "code": "AccessDenied", "error": "Unauthorized", "message": "invalid signature"],
        ]])
        let plan = await buckets.plan(SupabaseStorage(buckets: [StorageBucket(name: "avatars")]))
        let check = try #require(plan.checks.first)
        #expect(plan.changes.isEmpty)
        #expect(check.id == "supabase.storage")
        #expect(check.status == .error)
        #expect(check.message == "Supabase Storage refused listing buckets: invalid signature")
        #expect(check.suggestedAction?.contains("SUPABASE_SERVICE_ROLE_KEY") == true)
    }

    @Test("a 429 is retried by the shared client and the plan still succeeds")
    func throttlingIsRetried() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        try await setup.script("GET", "/supabase/storage/v1/bucket", [["status": 429, "headers": ["Retry-After": "0"]]])
        let plan = await (try setup.connector()).plan(PlanRequest(desired: Self.desired([StorageBucket(name: "avatars")])))
        #expect(plan.changes.map(\.id.description) == ["supabase.bucket.create.avatars"])
    }

    @Test("the canary service-role key appears in no check, change, diagnostic or plan file")
    func canaryKeyNeverSurfaces() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        let key = SupabaseStorageSandbox.serviceRoleKey
        var registry = ConnectorRegistry()
        registry.register(scope: .supabase, factory: SupabaseConnector.make)
        let planner = Planner(registry: registry, context: setup.context)
        try await setup.send("POST", "/bucket", ["name": "docs", "public": true])
        // A server that echoes the key back in its error must not get it into the plan either.
        try await setup.script("GET", "/supabase/storage/v1/bucket/docs", [[
            "status": 400, "body": ["statusCode": "403", "code": "AccessDenied", "error": "Unauthorized", "message": .string("bad key \(key)")],
        ]])
        let plan = await planner.plan(Planner.Request(
            desired: Self.desired(Self.declared), policy: ChangePolicy(), scopes: [.supabase], actor: "tester",
            createdAt: "2026-01-01T00:00:00Z", inputs: []))
        #expect(plan.changes.count == 2)
        let planFile = PlanFile.encode(plan)
        #expect(!planFile.contains(key))

        let connector = try setup.connector()
        let update = try #require(plan.changes.first { $0.id.action == "update" })
        guard case .failed(let diagnostic) = await connector.refresh(RefreshRequest(change: update)) else {
            Issue.record("the scripted refusal did not fail the refresh")
            return
        }
        #expect(diagnostic.message.contains(Redactor.placeholder))
        var surfaced = [diagnostic.message, diagnostic.hint ?? ""]
        for check in plan.checks { surfaced += [check.message, check.suggestedAction ?? "", check.name, check.id] }
        for change in plan.changes {
            surfaced += [change.description, JSONWriter.canonical(change.before), JSONWriter.canonical(change.after), JSONWriter.canonical(change.payload)]
        }
        switch await connector.apply(ApplyRequest(change: update, secrets: SupabaseStorageSandbox.noSecrets)) {
        case .applied(let before, let after, let detail):
            surfaced += [JSONWriter.canonical(before), JSONWriter.canonical(after), detail]
        case .proposed(let location, let detail):
            surfaced += [location, detail]
        case .failed(let failure):
            surfaced += [failure.message, failure.hint ?? ""]
        }

        // Unreachable: the transport error must not carry the key either.
        let unreachable = ConnectorContext(
            environment: ["OPS_SUPABASE_STORAGE_URL": "http://127.0.0.1:9/storage/v1", "SUPABASE_SERVICE_ROLE_KEY": key],
            redactor: Redactor(registry: SecretRegistry()))
        let offline = await (try SupabaseConnector.make(context: unreachable).get())
            .plan(PlanRequest(desired: Self.desired(Self.declared)))
        #expect(offline.checks.first?.status == .error)
        for check in offline.checks { surfaced += [check.message, check.suggestedAction ?? ""] }

        for text in surfaced { #expect(!text.contains(key), "the key leaked into: \(text)") }
    }

    @Test("missing credentials name the variables; the sandbox or an override stands in for the project URL")
    func credentials() throws {
        func resolve(_ environment: [String: String]) -> Result<SupabaseStorageEndpoint, MissingCredentials> {
            SupabaseStorageEndpoint.resolve(context: ConnectorContext(environment: environment, redactor: Redactor(registry: SecretRegistry())))
        }
        guard case .failure(let missing) = resolve([:]) else {
            Issue.record("an endpoint was resolved without credentials")
            return
        }
        #expect(missing.variables == ["SUPABASE_SERVICE_ROLE_KEY", "NEXT_PUBLIC_SUPABASE_URL"])

        let key = ["SUPABASE_SERVICE_ROLE_KEY": "k-123456"]
        let project = try resolve(key.merging(["NEXT_PUBLIC_SUPABASE_URL": "https://abcdefghijklmnopqrst.supabase.co/"]) { $1 }).get()
        #expect(project.baseURL.absoluteString == "https://abcdefghijklmnopqrst.supabase.co/storage/v1")
        let sandbox = try resolve(key.merging(["OPSCTL_SANDBOX_URL": "http://127.0.0.1:8080/"]) { $1 }).get()
        #expect(sandbox.baseURL.absoluteString == "http://127.0.0.1:8080/supabase/storage/v1")
        let override = try resolve(key.merging([
            "OPS_SUPABASE_STORAGE_URL": "http://localhost:54321/storage/v1", "OPSCTL_SANDBOX_URL": "http://127.0.0.1:8080",
        ]) { $1 }).get()
        #expect(override.baseURL.absoluteString == "http://localhost:54321/storage/v1")

        guard case .failure(let bad) = resolve(key.merging(["NEXT_PUBLIC_SUPABASE_URL": "abcdefghijklmnopqrst.supabase.co"]) { $1 }) else {
            Issue.record("a URL without a scheme was accepted")
            return
        }
        #expect(bad.variables == ["NEXT_PUBLIC_SUPABASE_URL"])
        #expect(bad.message.contains("http(s)"))
    }

    @Test("the key goes in apikey and Authorization; a sb_secret_ key only in apikey")
    func authorizationHeaders() async throws {
        let url = URL(string: "https://x.supabase.co/storage/v1")!
        let outgoing = OutgoingRequest(method: "GET", url: url, headers: HTTPHeaders(), body: [], mayReuseConnection: true)
        let jwt = try await ServiceHTTPConfiguration.supabaseStorage(baseURL: url, serviceRoleKey: "jwt-key-123").authorizer.headers(for: outgoing)
        #expect(jwt["apikey"] == "jwt-key-123")
        #expect(jwt["Authorization"] == "Bearer jwt-key-123")
        let secret = try await ServiceHTTPConfiguration.supabaseStorage(baseURL: url, serviceRoleKey: "sb_secret_abc123").authorizer.headers(for: outgoing)
        #expect(secret["apikey"] == "sb_secret_abc123")
        #expect(secret["Authorization"] == nil)
    }

    @Test("changes of other kinds are refused by name")
    func unknownKinds() async throws {
        let setup = try SupabaseStorageSandbox()
        defer { setup.server.stop() }
        let change = Change(
            id: ChangeID(scope: .supabase, resource: "table", action: "create", name: "public.profiles"), description: "",
            risk: .high, before: .null, after: .null, observed: PlanDigest.of(JSONValue.null))
        guard case .failed(let diagnostic) = await (try setup.connector()).apply(ApplyRequest(change: change, secrets: SupabaseStorageSandbox.noSecrets))
        else {
            Issue.record("a table change was applied by the Storage connector")
            return
        }
        #expect(diagnostic.message.contains("supabase.table.create"))
        #expect(StorageBucketChangeKind(change.id) == nil)
    }
}
