/// `scope.resource.action.name`: the same drift gives the same ID on every run.
/// The name may itself contain dots (`supabase.table.create.public.profiles`).
public struct ChangeID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let scope: String
    public let resource: String
    public let action: String
    public let name: String

    public init(scope: String, resource: String, action: String, name: String) {
        self.scope = scope
        self.resource = resource
        self.action = action
        self.name = name
    }

    /// Parses an ID typed by a user; nil unless it has four non-empty parts.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(scope: String(parts[0]), resource: String(parts[1]), action: String(parts[2]), name: String(parts[3]))
    }

    /// The first three parts, which policy rules select on.
    public var kind: String { "\(scope).\(resource).\(action)" }

    public var description: String { "\(kind).\(name)" }

    /// Deletions and drops always need a human, whatever the policy says.
    public var isDestructive: Bool { ["delete", "drop", "remove", "destroy", "prune"].contains(action) }

    public static func < (lhs: ChangeID, rhs: ChangeID) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ChangeID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a change ID: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
