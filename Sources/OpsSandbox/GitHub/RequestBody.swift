import OpsCore

extension GitHubEmulator {
    /// A JSON request body, read with GitHub's answers for bodies that are not what the endpoint
    /// expects: 400 "Problems parsing JSON" for bytes that are not JSON, 422 "Invalid request"
    /// naming the member for a wrong type.
    struct RequestBody {
        let members: [String: JSONValue]
        let docs: String
        /// Where this object sits in the body, for messages about nested members.
        let prefix: String

        /// `allowEmpty`: an empty body reads as `{}` (for endpoints whose body is optional).
        static func parse(_ request: EmulatorRequest, docs: String, allowEmpty: Bool = false) throws(Failure) -> RequestBody {
            if request.body.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
                guard allowEmpty else { throw Errors.problemsParsingJSON(docs: docs) }
                return RequestBody(members: [:], docs: docs, prefix: "")
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(request.body)
            } catch {
                throw Errors.problemsParsingJSON(docs: docs)
            }
            guard case .object(let members) = value else {
                throw Errors.invalidRequest("For 'links/0/schema', \(JSONWriter.canonical(value)) is not an object.", docs: docs)
            }
            return RequestBody(members: members, docs: docs, prefix: "")
        }

        func has(_ key: String) -> Bool { members[key] != nil }

        func isNull(_ key: String) -> Bool { members[key] == .null }

        private func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix)/\(key)" }

        private func wrongType(_ key: String, _ value: JSONValue, _ expected: String) -> Failure {
            Errors.invalidRequest(Errors.wrongType(path(key), value, expected: expected), docs: docs)
        }

        /// nil when absent (or null and `nullable`).
        func string(_ key: String, nullable: Bool = false) throws(Failure) -> String? {
            switch members[key] {
            case nil: return nil
            case .string(let text)?: return text
            case .null? where nullable: return nil
            case let other?: throw wrongType(key, other, nullable ? "a string or null" : "a string")
            }
        }

        func bool(_ key: String, nullable: Bool = false) throws(Failure) -> Bool? {
            switch members[key] {
            case nil: return nil
            case .bool(let flag)?: return flag
            case .null? where nullable: return nil
            case let other?: throw wrongType(key, other, nullable ? "a boolean or null" : "a boolean")
            }
        }

        func int(_ key: String) throws(Failure) -> Int? {
            switch members[key] {
            case nil: return nil
            case .int(let number)?: return number
            case let other?: throw wrongType(key, other, "an integer")
            }
        }

        func stringArray(_ key: String) throws(Failure) -> [String]? {
            switch members[key] {
            case nil: return nil
            case .array(let items)?:
                var strings: [String] = []
                for item in items {
                    guard case .string(let text) = item else { throw wrongType(key, .array(items), "an array of strings") }
                    strings.append(text)
                }
                return strings
            case let other?: throw wrongType(key, other, "an array")
            }
        }

        /// A nested object; nil when absent (or null and `nullable`).
        func object(_ key: String, nullable: Bool = false) throws(Failure) -> RequestBody? {
            switch members[key] {
            case nil: return nil
            case .object(let nested)?: return RequestBody(members: nested, docs: docs, prefix: path(key))
            case .null? where nullable: return nil
            case let other?: throw wrongType(key, other, nullable ? "an object or null" : "an object")
            }
        }

        func array(_ key: String) throws(Failure) -> [JSONValue]? {
            switch members[key] {
            case nil: return nil
            case .array(let items)?: return items
            case let other?: throw wrongType(key, other, "an array")
            }
        }

        /// The 422 GitHub gives when required members are absent.
        func require(_ keys: [String]) throws(Failure) {
            let missing = keys.filter { members[$0] == nil }
            if !missing.isEmpty { throw Errors.invalidRequest(Errors.notSupplied(missing), docs: docs) }
        }
    }
}
