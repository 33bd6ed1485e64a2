import OpsCore

extension VercelEmulator {
    /// One environment variable as the state file keeps it, value included: the sandbox is the
    /// service here, and it needs the value to answer the decrypted read.
    struct EnvVar: Sendable, Equatable {
        static let types: Set<String> = ["system", "secret", "encrypted", "plain", "sensitive"]
        static let targetNames: Set<String> = ["production", "preview", "development"]

        var id: String
        var key: String
        var value: String
        var type: String
        var targets: [String]
        var gitBranch: String?
        var comment: String?
        var customEnvironmentIDs: [String]
        var createdAt: Int
        var updatedAt: Int

        init(
            id: String, key: String, value: String, type: String, targets: [String], gitBranch: String? = nil, comment: String? = nil,
            customEnvironmentIDs: [String] = [], createdAt: Int, updatedAt: Int
        ) {
            self.id = id
            self.key = key
            self.value = value
            self.type = type
            self.targets = targets
            self.gitBranch = gitBranch
            self.comment = comment
            self.customEnvironmentIDs = customEnvironmentIDs
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.string("id")
            key = try reader.string("key")
            value = try reader.optionalString("value") ?? ""
            type = try reader.optionalString("type") ?? "encrypted"
            guard Self.types.contains(type) else {
                throw StateDecodingError(path: reader.childPath("type"), problem: "expected one of \(Self.types.sorted().joined(separator: ", ")), found \"\(type)\"")
            }
            targets = try reader.stringArray("target")
            gitBranch = try reader.optionalString("gitBranch")
            comment = try reader.optionalString("comment")
            customEnvironmentIDs = try reader.stringArray("customEnvironmentIds")
            createdAt = try reader.optionalInt("createdAt") ?? 0
            updatedAt = try reader.optionalInt("updatedAt") ?? createdAt
        }

        var stateJSON: JSONValue {
            [
                "id": .string(id), "key": .string(key), "value": .string(value), "type": .string(type),
                "target": .array(targets.map(JSONValue.string)), "gitBranch": gitBranch.map(JSONValue.string) ?? .null,
                "comment": comment.map(JSONValue.string) ?? .null, "customEnvironmentIds": .array(customEnvironmentIDs.map(JSONValue.string)),
                "createdAt": .int(createdAt), "updatedAt": .int(updatedAt),
            ]
        }

        /// Whether the service ever returns the value: `sensitive`, `secret` and `system` values never come back.
        var isReadable: Bool { type == "plain" || type == "encrypted" }

        /// Two variables of one key clash when they share a target (or custom environment) on the same branch.
        func clashes(key other: String, targets otherTargets: [String], gitBranch otherBranch: String?, customEnvironmentIDs otherCustom: [String]) -> Bool {
            guard key == other, (gitBranch ?? "") == (otherBranch ?? "") else { return false }
            return targets.contains(where: otherTargets.contains) || customEnvironmentIDs.contains(where: otherCustom.contains)
        }

        /// As the API renders it. `decrypt`: the value in plain text, as the decrypted read and
        /// the deprecated `decrypt=true` give it; otherwise `encrypted` values are ciphertext.
        func json(decrypt: Bool, sensitiveValue: Options.SensitiveValue = .emptyString) -> JSONValue {
            var members: [String: JSONValue] = [
                "id": .string(id), "key": .string(key), "type": .string(type), "target": .array(targets.map(JSONValue.string)),
                "configurationId": .null, "createdAt": .int(createdAt), "updatedAt": .int(updatedAt),
                "createdBy": .string(Account.personal), "updatedBy": .string(Account.personal),
                "customEnvironmentIds": .array(customEnvironmentIDs.map(JSONValue.string)),
            ]
            if let gitBranch { members["gitBranch"] = .string(gitBranch) }
            if let comment { members["comment"] = .string(comment) }
            switch type {
            case "plain":
                members["value"] = .string(value)
                members["decrypted"] = .bool(decrypt)
            case "encrypted":
                members["value"] = .string(decrypt ? value : ciphertext)
                members["decrypted"] = .bool(decrypt)
            default:
                members["decrypted"] = false
                if !decrypt || sensitiveValue == .emptyString { members["value"] = "" }
            }
            return .object(members)
        }

        /// Stands in for Vercel's ciphertext: changes with the value, reveals nothing of it.
        var ciphertext: String {
            let digest = (try? SHA256.hexHash(Array("\(id):\(updatedAt):\(value)".utf8))) ?? ""
            return "sbx1:" + digest
        }
    }
}
