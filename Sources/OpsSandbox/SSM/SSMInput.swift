import OpsCore

extension SSMEmulator {
    /// An operation's JSON input, read with SSM's refusals: a body that is not a JSON object
    /// is a `SerializationException`, a member of the wrong type or a missing required one a
    /// `ValidationException` worded as AWS words them.
    struct Input: Sendable {
        let members: [String: JSONValue]

        init(body: [UInt8]) throws(AWSRefusal) {
            guard let value = try? JSONParser.parse(body), case .object(let members) = value else {
                throw AWSRefusal(status: 400, code: "SerializationException", message: "Start of structure or map found where not expected.", namespaced: true)
            }
            self.members = members
        }

        func string(_ key: String, required: Bool = false) throws(AWSRefusal) -> String? {
            switch members[key] {
            case nil, .null?:
                if required { throw Self.missing(key) }
                return nil
            case .string(let text)?: return text
            default: throw Self.serialization(key)
            }
        }

        func bool(_ key: String) throws(AWSRefusal) -> Bool? {
            switch members[key] {
            case nil, .null?: return nil
            case .bool(let flag)?: return flag
            default: throw Self.serialization(key)
            }
        }

        func int(_ key: String) throws(AWSRefusal) -> Int? {
            switch members[key] {
            case nil, .null?: return nil
            case .int(let number)?: return number
            default: throw Self.serialization(key)
            }
        }

        func strings(_ key: String, required: Bool = false) throws(AWSRefusal) -> [String]? {
            switch members[key] {
            case nil, .null?:
                if required { throw Self.missing(key) }
                return nil
            case .array(let items)?:
                var strings: [String] = []
                for item in items {
                    guard case .string(let text) = item else { throw Self.serialization(key) }
                    strings.append(text)
                }
                return strings
            default: throw Self.serialization(key)
            }
        }

        static func missing(_ key: String) -> AWSRefusal {
            validation("1 validation error detected: Value null at '\(lowerFirst(key))' failed to satisfy constraint: Member must not be null")
        }

        static func serialization(_ key: String) -> AWSRefusal {
            AWSRefusal(status: 400, code: "SerializationException", message: "Unexpected value type for '\(key)'", namespaced: true)
        }

        static func validation(_ message: String) -> AWSRefusal {
            AWSRefusal(status: 400, code: "ValidationException", message: message)
        }

        static func lowerFirst(_ key: String) -> String {
            key.prefix(1).lowercased() + key.dropFirst()
        }
    }
}
