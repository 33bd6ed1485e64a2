import OpsCore

/// Compares declared buckets with what Storage has; pure, so the rules are tested without a
/// network. A bucket is matched by name, then by id (Storage defaults the id to the name, but
/// a bucket made elsewhere may differ). Buckets that exist but are not declared are left alone.
enum StorageBucketReconciler {
    static let scope = ServiceScope.supabase

    static func buckets(desired: [StorageBucket], remote: [StorageBucketSnapshot]) -> ([Check], [Change]) {
        var checks: [Check] = []
        var changes: [Change] = []
        var matched: Set<String> = []
        for bucket in desired {
            let current = remote.first { $0.name == bucket.name } ?? remote.first { $0.id == bucket.name }
            if let current { matched.insert(current.id) }
            let (check, change) = reconcile(bucket, remote: current)
            checks.append(check)
            if let change { changes.append(change) }
        }
        for bucket in remote.sorted(by: { $0.name < $1.name }) where !matched.contains(bucket.id) {
            checks.append(.unmanaged(.supabase, resource: "bucket", name: ChangeID.slug(bucket.name), collection: "buckets", description: "the bucket '\(bucket.name)'"))
        }
        return (checks, changes)
    }

    /// How many of the project's buckets are declared.
    static func coverage(desired: [StorageBucket], remote: [StorageBucketSnapshot]) -> Coverage {
        let managed = remote.filter { bucket in desired.contains { $0.name == bucket.name || $0.name == bucket.id } }.count
        return Coverage(scope: .supabase, collection: "buckets", managed: managed, total: remote.count)
    }

    /// `current` is nil when Storage has no such bucket.
    static func reconcile(_ desired: StorageBucket, remote current: StorageBucketSnapshot?) -> (Check, Change?) {
        let name = desired.name
        let checkID = "supabase.bucket.\(name)"
        let wanted = StorageBucketSnapshot(desired: desired, id: current?.id)
        guard let current else {
            let id = StorageBucketChangeKind.bucketCreate.id(name: name)
            let change = Change(
                id: id,
                description: "create the bucket '\(name)' (\(summary(of: wanted)))",
                risk: .low,
                before: .null,
                after: wanted.json,
                observed: PlanDigest.of(JSONValue.null),
                payload: StorageBucketChange.create(wanted).payload,
                source: desired.location
            )
            return (Check(
                id: checkID, scope: scope, name: "bucket \(name)", status: .fail,
                message: "the bucket '\(name)' does not exist", changeID: id, source: desired.location
            ), change)
        }
        if wanted == current {
            return (Check(
                id: checkID, scope: scope, name: "bucket \(name)", status: .pass,
                message: "the bucket '\(name)' matches", source: desired.location
            ), nil)
        }
        let differences = wanted.differences(from: current).joined(separator: ", ")
        let id = StorageBucketChangeKind.bucketUpdate.id(name: name)
        let change = Change(
            id: id,
            description: "update the bucket '\(name)' (\(differences))",
            risk: .low,
            before: current.json,
            after: wanted.json,
            observed: PlanDigest.of(current.json),
            payload: StorageBucketChange.update(wanted).payload,
            source: desired.location
        )
        return (Check(
            id: checkID, scope: scope, name: "bucket \(name)", status: .fail,
            message: "the bucket '\(name)' differs: \(differences)", changeID: id, source: desired.location
        ), change)
    }

    /// "public, limit 5242880 bytes, 2 MIME types" for a bucket about to be created.
    private static func summary(of bucket: StorageBucketSnapshot) -> String {
        var parts = [bucket.isPublic ? "public" : "private"]
        if let limit = bucket.fileSizeLimit { parts.append("limit \(limit) bytes") }
        if let types = bucket.allowedMimeTypes { parts.append("\(types.count) MIME type\(types.count == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}

/// The bucket changes the Supabase connector proposes beside its database changes.
enum StorageBucketChangeKind: String, ChangeKind {
    case bucketCreate = "bucket.create"
    case bucketUpdate = "bucket.update"

    static let scope = ServiceScope.supabase
}

/// What applying a bucket change needs, decoded from the plan once.
enum StorageBucketChange: ChangePayload, Equatable {
    case create(StorageBucketSnapshot)
    case update(StorageBucketSnapshot)

    init(change: Change) throws(ChangePayloadError) {
        let payload = PayloadReader(change)
        guard let wanted = StorageBucketSnapshot(json: try payload.member("bucket").json) else {
            throw payload.error("payload.bucket is not a bucket")
        }
        switch try StorageBucketChangeKind.of(change) {
        case .bucketCreate: self = .create(wanted)
        case .bucketUpdate: self = .update(wanted)
        }
    }

    var wanted: StorageBucketSnapshot {
        switch self {
        case .create(let bucket), .update(let bucket): bucket
        }
    }

    var payload: JSONValue { ["bucket": wanted.json] }
}
