import OpsCore
import Testing

@testable import OpsConnectors

/// The pure bucket diff: no network.
@Suite("Supabase Storage: bucket diff")
struct StorageBucketReconcilerTests {
    static let location = SourceLocation(file: "desired-state.yaml", line: 12, column: 9)

    static func remote(
        _ name: String, id: String? = nil, isPublic: Bool = false, limit: Int? = nil, types: [String]? = nil
    ) -> StorageBucketSnapshot {
        StorageBucketSnapshot(id: id ?? name, name: name, isPublic: isPublic, fileSizeLimit: limit, allowedMimeTypes: types)
    }

    @Test("a missing bucket is a low-risk create with before null and observed the digest of null")
    func create() throws {
        let desired = StorageBucket(
            name: "avatars", isPublic: true, fileSizeLimit: 5_242_880, allowedMimeTypes: ["image/png", "image/jpeg"], location: Self.location)
        let (checks, changes) = StorageBucketReconciler.buckets(desired: [desired], remote: [Self.remote("other")])
        let change = try #require(changes.first)
        #expect(changes.count == 1)
        #expect(change.id.description == "supabase.bucket.create.avatars")
        #expect(change.kind == "supabase.bucket.create")
        #expect(change.risk == .low)
        #expect(change.before == .null)
        #expect(change.observed == PlanDigest.of(JSONValue.null))
        #expect(change.after == [
            "id": "avatars", "name": "avatars", "public": true, "fileSizeLimit": 5_242_880,
            "allowedMimeTypes": ["image/jpeg", "image/png"],
        ])
        #expect(change.payload["bucket"] == change.after)
        #expect(change.source == Self.location)
        #expect(change.description == "create the bucket 'avatars' (public, limit 5242880 bytes, 2 MIME types)")
        #expect(checks == [
            Check(
                id: "supabase.bucket.avatars", scope: .supabase, name: "bucket avatars", status: .fail,
                message: "the bucket 'avatars' does not exist", changeID: change.id, source: Self.location
            ),
            .unmanaged(.supabase, resource: "bucket", name: "other", collection: "buckets", description: "the bucket 'other'"),
        ])
        #expect(StorageBucketReconciler.coverage(desired: [desired], remote: [Self.remote("other")])
            == Coverage(scope: .supabase, collection: "buckets", managed: 0, total: 1))
    }

    @Test("a differing bucket is an update naming each setting, observed the digest of before")
    func update() throws {
        let current = Self.remote("avatars", limit: 1000, types: ["image/png"])
        let desired = StorageBucket(name: "avatars", isPublic: true, fileSizeLimit: nil, allowedMimeTypes: ["image/png", "image/webp"])
        let (checks, changes) = StorageBucketReconciler.buckets(desired: [desired], remote: [current])
        let change = try #require(changes.first)
        #expect(change.id.description == "supabase.bucket.update.avatars")
        #expect(change.risk == .low)
        #expect(change.before == current.json)
        #expect(change.observed == PlanDigest.of(current.json))
        #expect(change.after["public"] == true)
        #expect(change.after["fileSizeLimit"] == .null)
        #expect(change.after["allowedMimeTypes"] == ["image/png", "image/webp"])
        #expect(change.description.contains("public false → true"))
        #expect(change.description.contains("fileSizeLimit 1000 bytes → none"))
        #expect(change.description.contains("allowedMimeTypes [image/png] → [image/png, image/webp]"))
        #expect(checks.first?.status == .fail)
        #expect(checks.first?.changeID == change.id)
    }

    @Test("MIME type order, duplicates and an empty list do not count as drift")
    func normalisation() {
        let desired = [
            StorageBucket(name: "a", allowedMimeTypes: ["image/png", "image/jpeg", "image/png"]),
            StorageBucket(name: "b", allowedMimeTypes: []),
        ]
        let remote = [Self.remote("a", types: ["image/jpeg", "image/png"]), Self.remote("b", types: nil)]
        let (checks, changes) = StorageBucketReconciler.buckets(desired: desired, remote: remote)
        #expect(changes.isEmpty)
        #expect(checks.map(\.status) == [.pass, .pass])
        #expect(checks.first?.message == "the bucket 'a' matches")
    }

    @Test("a bucket whose id differs from its name is matched by name and updated through its id")
    func matchedByName() throws {
        let (_, changes) = StorageBucketReconciler.buckets(
            desired: [StorageBucket(name: "avatars", isPublic: true)], remote: [Self.remote("avatars", id: "bucket-1")])
        let change = try #require(changes.first)
        #expect(change.after["id"] == "bucket-1")
        #expect(StorageBucketSnapshot(json: change.payload["bucket"] ?? .null)?.id == "bucket-1")
    }

    @Test("the same drift gives the same change on every run")
    func stable() {
        let desired = [StorageBucket(name: "avatars", isPublic: true), StorageBucket(name: "docs")]
        let remote = [Self.remote("avatars")]
        let first = StorageBucketReconciler.buckets(desired: desired, remote: remote)
        let second = StorageBucketReconciler.buckets(desired: desired, remote: remote.reversed())
        #expect(first.1 == second.1)
        #expect(first.1.map { PlanDigest.of($0) } == second.1.map { PlanDigest.of($0) })
    }

    @Test("a snapshot survives the trip through a plan's payload")
    func payloadRoundTrip() {
        let snapshot = Self.remote("avatars", isPublic: true, limit: 10, types: ["text/plain"])
        #expect(StorageBucketSnapshot(json: snapshot.json) == snapshot)
        #expect(StorageBucketSnapshot(json: ["name": "x"]) == nil)
        #expect(snapshot.updateBody == ["public": true, "file_size_limit": 10, "allowed_mime_types": ["text/plain"]])
        #expect(Self.remote("b").createBody == [
            "id": "b", "name": "b", "public": false, "file_size_limit": .null, "allowed_mime_types": .null,
        ])
    }
}
