import OpsCore

/// Why a JSON request body was refused, before any vendor has worded it.
package enum JSONBodyProblem: Sendable, Equatable {
    /// Nothing but white space. The parser's complaint is kept for vendors that do not tell an
    /// empty body from a broken one.
    case blank(JSONParseError)
    case notJSON(JSONParseError)
    /// Valid JSON, but the endpoint wants an object.
    case notAnObject(JSONValue)
    /// `member` is the slash-separated path within the body (`required_status_checks/strict`).
    case wrongType(member: String, value: JSONValue, expected: JSONBodyMemberType, nullable: Bool)
    /// Required members that are absent (`null` counts as present).
    case missingMembers([String])
}

/// The type a body member should have had.
package enum JSONBodyMemberType: Sendable, Equatable {
    case string
    case boolean
    case integer
    case object
    case array
    case arrayOfStrings
}

extension JSONBodyMemberType {
    /// The type as Ajv, the JSON Schema validator behind Fastify and Vercel's API, names it in
    /// its messages: `string`, or `string,null` where null was allowed too.
    package func ajvName(nullable: Bool) -> String {
        let name = switch self {
        case .string: "string"
        case .boolean: "boolean"
        case .integer: "integer"
        case .object: "object"
        case .array, .arrayOfStrings: "array"
        }
        return nullable ? "\(name),null" : name
    }
}
