import OpsCore

extension VercelEmulator {
    /// One variable of a create body, checked the way `POST /v10/projects/{id}/env` checks it:
    /// `key`, `value` and `type` required, and `target` or `customEnvironmentIds`.
    struct EnvDraft {
        var key: String
        var value: String
        var type: String
        var targets: [String]
        var gitBranch: String?
        var comment: String?
        var customEnvironmentIDs: [String]

        init(_ item: JSONValue, at position: String) throws(RouteFailure) {
            guard case .object(let members) = item else { throw Errors.badRequest("Invalid request: \(position) must be object.") }
            func string(_ name: String, required: Bool) throws(RouteFailure) -> String? {
                switch members[name] {
                case nil, .null?:
                    if required { throw Errors.badRequest("Invalid request: \(position) missing required property `\(name)`.") }
                    return nil
                case .string(let text)?: return text
                default: throw Errors.badRequest("Invalid request: `\(name)` should be string.")
                }
            }
            key = try EnvDraft.checkedKey(try string("key", required: true) ?? "")
            value = try string("value", required: true) ?? ""
            type = try EnvDraft.checkedType(try string("type", required: true) ?? "")
            targets = try EnvDraft.checkedTargets(members["target"])
            customEnvironmentIDs = try EnvDraft.stringList(members["customEnvironmentIds"], name: "customEnvironmentIds")
            guard !targets.isEmpty || !customEnvironmentIDs.isEmpty else {
                throw Errors.badRequest("Invalid request: \(position) must have required property `target` or `customEnvironmentIds`.")
            }
            gitBranch = try string("gitBranch", required: false)
            comment = try string("comment", required: false)
            try EnvDraft.checkCombination(type: type, targets: targets, gitBranch: gitBranch, comment: comment)
        }

        static func checkedKey(_ key: String) throws(RouteFailure) -> String {
            let bytes = Array(key.utf8)
            let valid = !bytes.isEmpty && !(bytes[0] >= 48 && bytes[0] <= 57) && bytes.allSatisfy { byte in
                (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "_")
            }
            guard valid else {
                throw Errors.badRequest(
                    "The name of your Environment Variable contains invalid characters. Only letters, digits, and underscores are allowed. Furthermore, the name should not start with a digit."
                )
            }
            return key
        }

        static func checkedType(_ type: String) throws(RouteFailure) -> String {
            guard EnvVar.types.contains(type) else {
                throw Errors.badRequest("Invalid request: `type` should be equal to one of the allowed values \"system, secret, encrypted, plain, sensitive\".")
            }
            return type
        }

        static func checkedTargets(_ value: JSONValue?) throws(RouteFailure) -> [String] {
            let targets = try stringList(value, name: "target")
            for target in targets where !EnvVar.targetNames.contains(target) {
                throw Errors.badRequest("Invalid request: `target` should be equal to one of the allowed values \"production, preview, development\".")
            }
            var unique: [String] = []
            for target in targets where !unique.contains(target) { unique.append(target) }
            return unique
        }

        static func stringList(_ value: JSONValue?, name: String) throws(RouteFailure) -> [String] {
            switch value {
            case nil, .null?: return []
            case .array(let items)?:
                var strings: [String] = []
                for item in items {
                    guard case .string(let text) = item else { throw Errors.badRequest("Invalid request: `\(name)` should be array of strings.") }
                    strings.append(text)
                }
                return strings
            default:
                throw Errors.badRequest("Invalid request: `\(name)` should be array.")
            }
        }

        /// Rules that span members: sensitive values stay out of development, a branch needs a
        /// preview-only target, a comment is at most 500 characters.
        static func checkCombination(type: String, targets: [String], gitBranch: String?, comment: String?) throws(RouteFailure) {
            if type == "sensitive", targets.contains("development") {
                throw Errors.badRequest("Sensitive Environment Variables cannot be created in the Development environment.")
            }
            if let gitBranch, !gitBranch.isEmpty, targets != ["preview"] {
                throw Errors.badRequest("Invalid request: `gitBranch` can only be used with the preview target.")
            }
            if let gitBranch, gitBranch.count > 250 { throw Errors.badRequest("Invalid request: `gitBranch` should NOT be longer than 250 characters.") }
            if let comment, comment.count > 500 { throw Errors.badRequest("Invalid request: `comment` should NOT be longer than 500 characters.") }
        }
    }
}
