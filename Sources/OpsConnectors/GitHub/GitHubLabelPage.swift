import OpsCore

/// One page of `GET /repos/{owner}/{repo}/labels`, read from its bytes straight into labels:
/// no tree and no `GitHubLabelBody` between (docs/performance.md). A page the reader does not
/// take (not an array of labels, a member of another type) goes through `Decodable`, which
/// decides and reports: the labels and every error are the same either way.
enum GitHubLabelPage {
    static func read(_ response: ServiceResponse) throws -> [LabelSnapshot] {
        if let labels = try? JSONParser.reading(response.body, labels) { return labels }
        return try response.decodeJSON([GitHubLabelBody].self, keepingMembers: GitHubLabelBody.members).map(LabelSnapshot.init)
    }

    private static let members = JSONMemberNames(GitHubLabelBody.members)

    private static func labels(_ parser: inout JSONParser) throws(JSONParseError) -> [LabelSnapshot] {
        var labels: [LabelSnapshot] = []
        try parser.readElements(reserving: { labels.reserveCapacity($0) }) { (parser: inout JSONParser) throws(JSONParseError) in
            labels.append(try label(&parser))
        }
        return labels
    }

    /// One label, each member as `Decodable` reads it (null is absent).
    private static func label(_ parser: inout JSONParser) throws(JSONParseError) -> LabelSnapshot {
        var name: String?, color: String?, description: String?
        try parser.readObject(members) { (member, parser) throws(JSONParseError) in
            switch member {
            case 0: name = try parser.readString()
            case 1: color = try parser.readString()
            default: description = try parser.readString()
            }
        }
        guard let name, let color else { throw parser.unexpectedValue(expected: "a label with a name and a color") }
        return LabelSnapshot(name: name, color: color, description: description)
    }
}
