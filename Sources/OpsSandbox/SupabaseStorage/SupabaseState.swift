import OpsCore

extension SupabaseEmulator {
    /// The `supabase` section of the sandbox state: `{"storage": {"buckets": {<id>: {...}}}}`.
    /// Members this version does not know (written by a later Supabase emulation) are kept and
    /// written back untouched.
    struct State: SandboxStateSection {
        var storage: StorageState
        var otherMembers: [String: JSONValue]

        static let empty = State(storage: StorageState(buckets: [:]), otherMembers: [:])

        init(storage: StorageState, otherMembers: [String: JSONValue]) {
            self.storage = storage
            self.otherMembers = otherMembers
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            if let storageReader = try reader.reader("storage") {
                storage = try StorageState(storageReader)
            } else {
                storage = StorageState(buckets: [:])
            }
            otherMembers = reader.members.filter { $0.key != "storage" }
        }

        var stateJSON: JSONValue {
            var members = otherMembers
            members["storage"] = storage.stateJSON
            return .object(members)
        }
    }

    /// Storage's buckets, by id.
    struct StorageState: Sendable, Equatable {
        var buckets: [String: Bucket]

        init(buckets: [String: Bucket]) {
            self.buckets = buckets
        }

        init(_ reader: JSONFieldReader) throws(StateDecodingError) {
            var buckets: [String: Bucket] = [:]
            var names: Set<String> = []
            for (id, value, path) in try reader.object("buckets") {
                let bucket = try Bucket(stateJSON: value, id: id, path: path)
                // Storage keeps names unique as well as ids.
                guard names.insert(bucket.name).inserted else {
                    throw StateDecodingError(path: path, problem: "another bucket is already named \"\(bucket.name)\"")
                }
                buckets[id] = bucket
            }
            self.buckets = buckets
        }

        var stateJSON: JSONValue {
            ["buckets": .object(buckets.mapValues(\.stateJSON))]
        }

        func bucket(named name: String) -> Bucket? {
            buckets.values.first { $0.name == name }
        }
    }
}
