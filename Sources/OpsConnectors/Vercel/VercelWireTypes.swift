import OpsCore

/// Vercel's JSON shapes (docs/services/vercel.md, "Requests"), as far as opsctl reads them.

/// An env object from the list, get, create and edit endpoints.
struct VercelEnvBody: Decodable, Sendable {
    var id: String?
    var key: String
    /// Plain text for `plain`, ciphertext in listings of `encrypted`, the plain text from the
    /// decrypted read, and empty or absent for `sensitive`.
    var value: String?
    var type: String
    var target: VercelTargetList?
    var gitBranch: String?
    var customEnvironmentIds: [String]?
    var updatedAt: Double?
    var decrypted: Bool?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, key, value, type, target, gitBranch, customEnvironmentIds, updatedAt, decrypted
    }

    /// The members read; a listing's parse keeps only these (and the listing's own), in the
    /// order `init?(_:)` reads them.
    static let members = CodingKeys.allCases.map(\.rawValue)

    /// A variable from a listing's member table (`members`' order), or nil where `Decodable`
    /// would refuse it or read it differently, so the listing is decoded that way instead.
    init?(_ object: JSONObjectTable.Object) {
        guard let key = object[1]?.stringValue, let type = object[3]?.stringValue,
            let id = object[0].ifPresent(\.stringValue), let value = object[2].ifPresent(\.stringValue),
            let gitBranch = object[5].ifPresent(\.stringValue),
            // One target may come as a string, as `VercelTargetList` reads it.
            let targets = object[4].ifPresent({ $0.stringValue.map { [$0] } ?? Self.strings($0) }),
            let customEnvironmentIds = object[6].ifPresent(Self.strings),
            let updatedAt = object[7].ifPresent({ $0.intValue.map(Double.init) }),
            let decrypted = object[8].ifPresent(\.boolValue)
        else { return nil }
        self.id = id
        self.key = key
        self.value = value
        self.type = type
        self.target = targets.map { VercelTargetList(values: $0) }
        self.gitBranch = gitBranch
        self.customEnvironmentIds = customEnvironmentIds
        self.updatedAt = updatedAt
        self.decrypted = decrypted
    }

    /// An array of strings, or nil when the value is not one.
    private static func strings(_ value: JSONValue) -> [String]? {
        guard let items = value.arrayValue else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(items.count)
        for item in items {
            guard let text = item.stringValue else { return nil }
            texts.append(text)
        }
        return texts
    }
}

/// `target` is an array in current responses but the schema also allows a single string.
struct VercelTargetList: Decodable, Sendable {
    var values: [String]

    init(values: [String]) {
        self.values = values
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            values = list
        } else {
            values = [try container.decode(String.self)]
        }
    }
}

/// `GET /v10/projects/{id}/env` answers one of three shapes: `{envs, pagination}`, `{envs}`,
/// or a single env object.
struct VercelEnvListBody: Decodable, Sendable {
    struct Pagination: Decodable, Sendable {
        var count: Double?
        /// Timestamp to pass as `until` for the next page; null on the last.
        var next: Double?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case count, next
        }

        static let members = CodingKeys.allCases.map(\.rawValue)

        /// From the listing's kept `pagination` member: `.some(nil)` when it is absent or null,
        /// nil when it is not what `Decodable` would accept.
        static func read(_ value: JSONValue?) -> Pagination?? {
            value.ifPresent { pagination in
                guard case .object(let members) = pagination,
                    let count = members["count"].ifPresent(number), let next = members["next"].ifPresent(number)
                else { return nil }
                return Pagination(count: count, next: next)
            }
        }

        init(count: Double?, next: Double?) {
            self.count = count
            self.next = next
        }

        private static func number(_ value: JSONValue) -> Double? {
            value.intValue.map(Double.init)
        }
    }

    var envs: [VercelEnvBody]
    var pagination: Pagination?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case envs, pagination, key
    }

    /// Every member this body, its variables and its pagination read.
    static let members = CodingKeys.allCases.map(\.rawValue) + VercelEnvBody.members + Pagination.members

    init(envs: [VercelEnvBody], pagination: Pagination?) {
        self.envs = envs
        self.pagination = pagination
    }

    /// A listing's body: read from a member table of `envs` with no tree where it is the usual
    /// `{envs, pagination}` and every variable is one the table can build; otherwise (a single
    /// variable, a member of another type) through `Decodable`, which decides and reports.
    static func decode(_ response: ServiceResponse) throws -> VercelEnvListBody {
        if let table = try? JSONParser.objectMembers(
            in: response.body, named: VercelEnvBody.members, container: "envs", enclosing: ["pagination"] + Pagination.members),
            let pagination = Pagination.read(table.enclosing["pagination"]), let envs = table.objects({ VercelEnvBody($0) })
        {
            return VercelEnvListBody(envs: envs, pagination: pagination)
        }
        return try response.decodeJSON(VercelEnvListBody.self, keepingMembers: members)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.envs) {
            envs = try container.decode([VercelEnvBody].self, forKey: .envs)
            pagination = try container.decodeIfPresent(Pagination.self, forKey: .pagination)
        } else {
            envs = [try VercelEnvBody(from: decoder)]
            pagination = nil
        }
    }
}

/// `POST /v10/projects/{id}/env` → 201 `{created: Env | [Env], failed: [{error}]}`.
struct VercelCreateEnvBody: Decodable, Sendable {
    struct Failure: Decodable, Sendable {
        struct Detail: Decodable, Sendable {
            var code: String
            var message: String
            var key: String?
        }

        var error: Detail
    }

    var created: [VercelEnvBody]
    var failed: [Failure]

    private enum CodingKeys: String, CodingKey {
        case created, failed
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let list = try? container.decode([VercelEnvBody].self, forKey: .created) {
            created = list
        } else if let single = try container.decodeIfPresent(VercelEnvBody.self, forKey: .created) {
            created = [single]
        } else {
            created = []
        }
        failed = try container.decodeIfPresent([Failure].self, forKey: .failed) ?? []
    }
}

/// `GET /v9/projects/{id}`, reduced to what the cron check reads.
struct VercelProjectBody: Decodable, Sendable {
    struct Crons: Decodable, Sendable {
        struct Definition: Decodable, Sendable {
            var host: String?
            var path: String
            var schedule: String
        }

        var enabledAt: Double?
        var disabledAt: Double?
        var deploymentId: String?
        var definitions: [Definition]
    }

    var id: String
    var name: String?
    var crons: Crons?
}

/// Vercel's error envelope, `{"error": {"code", "message"}}` (docs/services/vercel.md, "Requests").
struct VercelErrorBody: Decodable, Sendable {
    struct Detail: Decodable, Sendable {
        var code: String
        var message: String?
    }

    var error: Detail
}
