import OpsCore

/// Reads typed members out of a JSON object while remembering where it is, so a state
/// section that does not decode names the exact member at fault.
package struct JSONFieldReader: Sendable {
    package let members: [String: JSONValue]
    package let path: String

    package init(_ value: JSONValue, path: String) throws(StateDecodingError) {
        guard case .object(let members) = value else {
            throw StateDecodingError(path: path, problem: "expected an object, found \(Self.kind(of: value))")
        }
        self.members = members
        self.path = path
    }

    package func childPath(_ key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 95
        }
        let step = plain ? ".\(key)" : "[\(JSONWriter.canonical(.string(key)))]"
        return path.isEmpty && plain ? key : path + step
    }

    package func string(_ key: String) throws(StateDecodingError) -> String {
        guard let value = try optionalString(key) else { throw missing(key, "a string") }
        return value
    }

    /// Absent and `null` both read as nil.
    package func optionalString(_ key: String) throws(StateDecodingError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw mismatch(key, "a string", other)
        }
    }

    package func int(_ key: String) throws(StateDecodingError) -> Int {
        guard let value = try optionalInt(key) else { throw missing(key, "an integer") }
        return value
    }

    package func optionalInt(_ key: String) throws(StateDecodingError) -> Int? {
        switch members[key] {
        case nil, .null?: return nil
        case .int(let number)?: return number
        case let other?: throw mismatch(key, "an integer", other)
        }
    }

    package func bool(_ key: String, default fallback: Bool) throws(StateDecodingError) -> Bool {
        switch members[key] {
        case nil, .null?: return fallback
        case .bool(let flag)?: return flag
        case let other?: throw mismatch(key, "true or false", other)
        }
    }

    /// Elements with their paths; absent or null is an empty list.
    package func array(_ key: String) throws(StateDecodingError) -> [(value: JSONValue, path: String)] {
        switch members[key] {
        case nil, .null?: return []
        case .array(let items)?: return items.enumerated().map { ($1, "\(childPath(key))[\($0)]") }
        case let other?: throw mismatch(key, "a list", other)
        }
    }

    package func stringArray(_ key: String) throws(StateDecodingError) -> [String] {
        var strings: [String] = []
        for (value, path) in try array(key) {
            guard case .string(let text) = value else {
                throw StateDecodingError(path: path, problem: "expected a string, found \(Self.kind(of: value))")
            }
            strings.append(text)
        }
        return strings
    }

    /// Members of a nested object with their paths; absent or null is empty.
    package func object(_ key: String) throws(StateDecodingError) -> [(key: String, value: JSONValue, path: String)] {
        switch members[key] {
        case nil, .null?: return []
        case .object(let nested)?:
            let reader = try JSONFieldReader(.object(nested), path: childPath(key))
            return JSONWriter.sortedKeys(nested).map { ($0, nested[$0]!, reader.childPath($0)) }
        case let other?: throw mismatch(key, "an object", other)
        }
    }

    package func reader(_ key: String) throws(StateDecodingError) -> JSONFieldReader? {
        switch members[key] {
        case nil, .null?: return nil
        case let value?: return try JSONFieldReader(value, path: childPath(key))
        }
    }

    private func missing(_ key: String, _ expected: String) -> StateDecodingError {
        StateDecodingError(path: childPath(key), problem: "expected \(expected), but it is missing")
    }

    private func mismatch(_ key: String, _ expected: String, _ found: JSONValue) -> StateDecodingError {
        StateDecodingError(path: childPath(key), problem: "expected \(expected), found \(Self.kind(of: found))")
    }

    package static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
