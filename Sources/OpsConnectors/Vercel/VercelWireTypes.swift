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
        guard case .string(let key)? = object[1], case .string(let type)? = object[3],
            let id = Self.optionalString(object[0]), let value = Self.optionalString(object[2]),
            let gitBranch = Self.optionalString(object[5])
        else { return nil }
        self.id = id
        self.key = key
        self.value = value
        self.type = type
        self.gitBranch = gitBranch
        switch object[4] {
        case nil, .null?: target = nil
        case .string(let single)?: target = VercelTargetList(values: [single])
        case .array(let items)?:
            var values: [String] = []
            for item in items {
                guard case .string(let text) = item else { return nil }
                values.append(text)
            }
            target = VercelTargetList(values: values)
        default: return nil
        }
        switch object[6] {
        case nil, .null?: customEnvironmentIds = nil
        case .array(let items)?:
            var ids: [String] = []
            for item in items {
                guard case .string(let text) = item else { return nil }
                ids.append(text)
            }
            customEnvironmentIds = ids
        default: return nil
        }
        switch object[7] {
        case nil, .null?: updatedAt = nil
        case .int(let milliseconds)?: updatedAt = Double(milliseconds)
        default: return nil
        }
        switch object[8] {
        case nil, .null?: decrypted = nil
        case .bool(let flag)?: decrypted = flag
        default: return nil
        }
    }

    /// `.some(nil)` for an absent or null member, `.some(text)` for a string, nil otherwise.
    private static func optionalString(_ value: JSONValue?) -> String?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .string(let text)?: return .some(text)
        default: return nil
        }
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
            switch value {
            case nil, .null?:
                return .some(nil)
            case .object(let members)?:
                guard let count = number(members["count"]), let next = number(members["next"]) else { return nil }
                return .some(Pagination(count: count, next: next))
            default:
                return nil
            }
        }

        init(count: Double?, next: Double?) {
            self.count = count
            self.next = next
        }

        private static func number(_ value: JSONValue?) -> Double?? {
            switch value {
            case nil, .null?: return .some(nil)
            case .int(let number)?: return .some(Double(number))
            default: return nil
            }
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
            let pagination = Pagination.read(table.enclosing["pagination"])
        {
            var envs: [VercelEnvBody] = []
            envs.reserveCapacity(table.count)
            for object in 0..<table.count {
                guard let env = VercelEnvBody(table[object]) else { break }
                envs.append(env)
            }
            if envs.count == table.count { return VercelEnvListBody(envs: envs, pagination: pagination) }
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
