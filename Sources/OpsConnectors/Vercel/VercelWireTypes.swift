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

    /// The members read; a listing's fallback parse keeps only these (and the listing's own).
    static let members = CodingKeys.allCases.map(\.rawValue)
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

        init(count: Double?, next: Double?) {
            self.count = count
            self.next = next
        }
    }

    var envs: [VercelEnvBody]
    var pagination: Pagination?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case envs, pagination, key
    }

    /// Every member this body, its variables and its pagination read.
    static let members = CodingKeys.allCases.map(\.rawValue) + VercelEnvBody.members + Pagination.members

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
