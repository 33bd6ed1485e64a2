import OpsCore

extension SSMEmulator {
    /// The `ssm` section of the sandbox state: every parameter of the account, kept sorted by
    /// name, which is the order `GetParametersByPath` walks them in.
    struct State: SandboxStateSection {
        struct Parameter: Sendable, Equatable {
            var name: String
            /// `String`, `StringList` or `SecureString`.
            var type: String
            var value: String
            var version: Int
            /// Epoch milliseconds: AWS answers fractional epoch seconds.
            var lastModifiedMs: Int
            var description: String?
        }

        var parameters: [Parameter]

        static let empty = State(parameters: [])

        init(parameters: [Parameter]) {
            self.parameters = parameters.sorted { $0.name < $1.name }
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            var parameters: [Parameter] = []
            for (value, path) in try reader.array("parameters") {
                let item = try JSONFieldReader(value, path: path)
                let type = try item.optionalString("type") ?? "SecureString"
                guard State.types.contains(type) else {
                    throw StateDecodingError(path: item.childPath("type"), problem: "expected String, StringList or SecureString, found '\(type)'")
                }
                let name = try item.string("name")
                guard State.isValidName(name) else {
                    throw StateDecodingError(path: item.childPath("name"), problem: "'\(name)' is not an SSM parameter name")
                }
                parameters.append(Parameter(
                    name: name, type: type, value: try item.string("value"), version: try item.optionalInt("version") ?? 1,
                    lastModifiedMs: try item.optionalInt("last_modified_ms") ?? 1_764_547_200_000, description: try item.optionalString("description")))
            }
            self.init(parameters: parameters)
        }

        var stateJSON: JSONValue {
            ["parameters": .array(parameters.map { parameter in
                var object: [String: JSONValue] = [
                    "name": .string(parameter.name), "type": .string(parameter.type), "value": .string(parameter.value),
                    "version": .int(parameter.version), "last_modified_ms": .int(parameter.lastModifiedMs),
                ]
                if let description = parameter.description { object["description"] = .string(description) }
                return .object(object)
            })]
        }

        static let types: Set<String> = ["String", "StringList", "SecureString"]

        /// AWS's rule: letters, digits and `_.-/`; a hierarchical name starts with `/`, has
        /// no empty segment and at most 15 levels; 1 to 2048 characters.
        static func isValidName(_ name: String) -> Bool {
            guard !name.isEmpty, name.utf8.count <= 2048 else { return false }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-/".contains($0)) }) else { return false }
            guard name.contains("/") else { return true }
            guard name.hasPrefix("/"), !name.hasSuffix("/"), !name.contains("//") else { return false }
            return name.split(separator: "/").count <= 15
        }

        func parameter(_ name: String) -> Parameter? {
            parameters.first { $0.name == name }
        }

        mutating func store(_ parameter: Parameter) {
            if let index = parameters.firstIndex(where: { $0.name == parameter.name }) {
                parameters[index] = parameter
            } else {
                parameters.append(parameter)
                parameters.sort { $0.name < $1.name }
            }
        }
    }
}
