import OpsCore

/// Reads a JSON request body, or one object inside it, refusing what the endpoint does not
/// accept in the vendor's own words (`Envelope`). Routes throw the refusal as a
/// `RouteFailure`, so the state transaction drops any change they had begun.
package struct JSONBodyReader<Envelope: JSONBodyErrorEnvelope>: Sendable {
    package let members: [String: JSONValue]
    /// Where this object sits in the body, slash-separated; empty for the body itself.
    package let path: String
    package let envelope: Envelope

    package init(members: [String: JSONValue], path: String = "", envelope: Envelope) {
        self.members = members
        self.path = path
        self.envelope = envelope
    }

    /// The body, which must be a JSON object.
    /// - Parameter blankIsEmptyObject: an empty (or all white-space) body reads as `{}`, for
    ///   endpoints whose body is optional.
    package init(body: [UInt8], envelope: Envelope, blankIsEmptyObject: Bool = false) throws(RouteFailure) {
        if blankIsEmptyObject && Self.isBlank(body) {
            self.init(members: [:], envelope: envelope)
            return
        }
        let value = try Self.value(of: body, envelope: envelope)
        guard case .object(let members) = value else {
            throw RouteFailure(response: envelope.response(for: .notAnObject(value)))
        }
        self.init(members: members, envelope: envelope)
    }

    /// The body as any JSON value, for endpoints that take an object or an array.
    package static func value(of body: [UInt8], envelope: Envelope) throws(RouteFailure) -> JSONValue {
        do {
            return try JSONParser.parse(body)
        } catch {
            throw RouteFailure(response: envelope.response(for: isBlank(body) ? .blank(error) : .notJSON(error)))
        }
    }

    /// The vendor's refusal for a problem a route found itself (a member out of range, say).
    package func refusal(_ problem: JSONBodyProblem) -> RouteFailure {
        RouteFailure(response: envelope.response(for: problem))
    }

    /// The path of a member of this object within the body.
    package func path(of key: String) -> String {
        path.isEmpty ? key : "\(path)/\(key)"
    }

    /// A reader for an object found inside this one (an item of an array member, say).
    package func nested(_ members: [String: JSONValue], at path: String) -> JSONBodyReader {
        JSONBodyReader(members: members, path: path, envelope: envelope)
    }

    package func has(_ key: String) -> Bool { members[key] != nil }

    package func isNull(_ key: String) -> Bool { members[key] == .null }

    /// Refuses the body when any of `keys` is absent, naming all that are.
    package func require(_ keys: [String]) throws(RouteFailure) {
        let missing = keys.filter { members[$0] == nil }
        if !missing.isEmpty { throw refusal(.missingMembers(missing)) }
    }

    /// nil when absent (or null and `nullable`).
    package func string(_ key: String, nullable: Bool = false) throws(RouteFailure) -> String? {
        switch members[key] {
        case nil: return nil
        case .string(let text)?: return text
        case .null? where nullable: return nil
        case let other?: throw wrongType(key, other, .string, nullable: nullable)
        }
    }

    package func bool(_ key: String, nullable: Bool = false) throws(RouteFailure) -> Bool? {
        switch members[key] {
        case nil: return nil
        case .bool(let flag)?: return flag
        case .null? where nullable: return nil
        case let other?: throw wrongType(key, other, .boolean, nullable: nullable)
        }
    }

    package func int(_ key: String) throws(RouteFailure) -> Int? {
        switch members[key] {
        case nil: return nil
        case .int(let number)?: return number
        case let other?: throw wrongType(key, other, .integer, nullable: false)
        }
    }

    /// A nested object; nil when absent (or null and `nullable`).
    package func object(_ key: String, nullable: Bool = false) throws(RouteFailure) -> JSONBodyReader? {
        switch members[key] {
        case nil: return nil
        case .object(let nested)?: return self.nested(nested, at: path(of: key))
        case .null? where nullable: return nil
        case let other?: throw wrongType(key, other, .object, nullable: nullable)
        }
    }

    package func array(_ key: String) throws(RouteFailure) -> [JSONValue]? {
        switch members[key] {
        case nil: return nil
        case .array(let items)?: return items
        case let other?: throw wrongType(key, other, .array, nullable: false)
        }
    }

    /// An array whose items must all be strings; one that is not refuses the whole array.
    package func stringArray(_ key: String) throws(RouteFailure) -> [String]? {
        guard let items = try array(key) else { return nil }
        var strings: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw wrongType(key, .array(items), .arrayOfStrings, nullable: false) }
            strings.append(text)
        }
        return strings
    }

    private func wrongType(_ key: String, _ value: JSONValue, _ expected: JSONBodyMemberType, nullable: Bool) -> RouteFailure {
        refusal(.wrongType(member: path(of: key), value: value, expected: expected, nullable: nullable))
    }

    private static func isBlank(_ body: [UInt8]) -> Bool {
        body.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
    }
}
