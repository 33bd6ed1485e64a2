import OpsCore

/// The `aws` section of the sandbox state: the one account the AWS emulators (SSM, STS)
/// share, and the access keys that may sign requests to it. A fresh sandbox knows one key,
/// `defaultKey`, so it works without setup; a state file that lists keys replaces it.
/// Temporary keys handed out by STS are added here, with their session token and expiry.
package struct AWSAccountState: SandboxStateSection {
    package static let scope = "aws"
    package static let accountID = "123456789012"

    /// Documented in docs/sandbox.md; never a real key (AWS's look `AKIA` + 16 characters too).
    package static let defaultKey = AccessKey(
        id: "AKIASANDBOXEXAMPLE01", secret: "sandbox/SecretAccessKey/EXAMPLEKEY0000000000", user: "sandbox")

    package struct AccessKey: Sendable, Equatable {
        package var id: String
        package var secret: String
        /// The IAM user the key belongs to, for `AccessDeniedException` messages.
        package var user: String
        /// Set for STS's temporary keys: the token that must come with them.
        package var sessionToken: String?
        /// Epoch seconds after which a temporary key is refused as expired.
        package var expires: Int?
        /// The role a temporary key was issued for.
        package var role: String?
        /// IAM actions refused to this key (`ssm:GetParametersByPath`, `kms:Decrypt`), so
        /// tests can see the real `AccessDeniedException`.
        package var deniedActions: [String]

        package init(id: String, secret: String, user: String = "sandbox", sessionToken: String? = nil, expires: Int? = nil,
                     role: String? = nil, deniedActions: [String] = [])
        {
            self.id = id
            self.secret = secret
            self.user = user
            self.sessionToken = sessionToken
            self.expires = expires
            self.role = role
            self.deniedActions = deniedActions
        }

        /// `arn:aws:iam::123456789012:user/sandbox`, or the assumed role's session ARN.
        package var principalARN: String {
            if let role, let name = role.split(separator: "/").last {
                return "arn:aws:sts::\(AWSAccountState.accountID):assumed-role/\(name)/opsctl"
            }
            return "arn:aws:iam::\(AWSAccountState.accountID):user/\(user)"
        }
    }

    package var accessKeys: [AccessKey]

    package static let empty = AWSAccountState(accessKeys: [defaultKey])

    package init(accessKeys: [AccessKey]) {
        self.accessKeys = accessKeys
    }

    package init(stateJSON: JSONValue) throws(StateDecodingError) {
        let reader = try JSONFieldReader(stateJSON, path: "")
        guard reader.members["access_keys"] != nil else {
            accessKeys = [Self.defaultKey]
            return
        }
        accessKeys = []
        for (value, path) in try reader.array("access_keys") {
            let key = try JSONFieldReader(value, path: path)
            accessKeys.append(AccessKey(
                id: try key.string("id"), secret: try key.string("secret"), user: try key.optionalString("user") ?? "sandbox",
                sessionToken: try key.optionalString("session_token"), expires: try key.optionalInt("expires"),
                role: try key.optionalString("role"), deniedActions: try key.stringArray("denied_actions")))
        }
    }

    package var stateJSON: JSONValue {
        ["access_keys": .array(accessKeys.map { key in
            var object: [String: JSONValue] = ["id": .string(key.id), "secret": .string(key.secret), "user": .string(key.user)]
            if let token = key.sessionToken { object["session_token"] = .string(token) }
            if let expires = key.expires { object["expires"] = .int(expires) }
            if let role = key.role { object["role"] = .string(role) }
            if !key.deniedActions.isEmpty { object["denied_actions"] = .array(key.deniedActions.map(JSONValue.string)) }
            return .object(object)
        })]
    }

    package func key(_ id: String) -> AccessKey? {
        accessKeys.first { $0.id == id }
    }

    /// Drops keys STS issued that expired more than a day ago, so the state file does not grow
    /// with every run; expired keys someone seeded on purpose stay.
    package mutating func pruneExpired(now: Int) {
        accessKeys.removeAll { $0.user == AWSAccountState.stsUser && ($0.expires ?? Int.max) < now - 86_400 }
    }

    /// The user STS's temporary keys are recorded under.
    package static let stsUser = "sts-web-identity"
}
