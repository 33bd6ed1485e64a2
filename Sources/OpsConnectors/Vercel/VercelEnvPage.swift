import OpsCore

/// One page of `GET /v10/projects/{id}/env`: its variables and the cursor to the next.
struct VercelEnvPage: Sendable {
    var envs: [VercelRemoteEnv]
    var pagination: VercelEnvListBody.Pagination?

    /// The usual `{envs, pagination}` is read from the bytes straight into `VercelRemoteEnv`s,
    /// with no tree, member table or `VercelEnvBody` between (they were most of a 10,000-variable
    /// listing's cost: docs/performance.md). Any other shape (a single variable, which the
    /// endpoint may answer) and any member of a type the reader does not take goes through
    /// `Decodable`, which decides and reports: the variables, the cursor and every error are
    /// the same either way.
    static func read(_ response: ServiceResponse) throws -> VercelEnvPage {
        if let page = try? JSONParser.reading(response.body, listing) { return page }
        let body = try response.decodeJSON(VercelEnvListBody.self, keepingMembers: VercelEnvListBody.members)
        return VercelEnvPage(envs: body.envs.map(VercelRemoteEnv.init), pagination: body.pagination)
    }

    private static let listingMembers = JSONMemberNames(["envs", "pagination"])
    /// As `VercelEnvBody` reads them; `decrypted` is read for its type only.
    private static let envMembers = JSONMemberNames(["id", "key", "value", "type", "target", "gitBranch", "customEnvironmentIds", "updatedAt", "decrypted"])
    private static let paginationMembers = JSONMemberNames(["count", "next"])

    private static func listing(_ parser: inout JSONParser) throws(JSONParseError) -> VercelEnvPage {
        var envs: [VercelRemoteEnv]?
        var pagination: VercelEnvListBody.Pagination?
        try parser.readObject(listingMembers) { (member, parser) throws(JSONParseError) in
            if member == 0 {
                var variables: [VercelRemoteEnv] = []
                try parser.readElements(reserving: { variables.reserveCapacity($0) }) { (parser: inout JSONParser) throws(JSONParseError) in
                    variables.append(try variable(&parser))
                }
                envs = variables
            } else {
                pagination = try cursor(&parser)
            }
        }
        // Without `envs` the body is a single variable, which `Decodable` reads.
        guard let envs else { throw parser.unexpectedValue(expected: "a listing with envs") }
        return VercelEnvPage(envs: envs, pagination: pagination)
    }

    /// One variable, each member as `decodeIfPresent` reads it (null is absent).
    private static func variable(_ parser: inout JSONParser) throws(JSONParseError) -> VercelRemoteEnv {
        var id: String?, key: String?, value: String?, type: String?, targets: [String]?, gitBranch: String?
        var customEnvironmentIDs: [String]?, updatedAt: Double?
        try parser.readObject(envMembers) { (member, parser) throws(JSONParseError) in
            switch member {
            case 0: id = try parser.readString()
            case 1: key = try parser.readString()
            // Kept for `plain` alone (`VercelRemoteEnv.listedValue`): once the type is known to
            // be another, the value (a ciphertext) is checked and passed over.
            case 2:
                if let type, !VercelRemoteEnv.listsItsValue(type: type) { try parser.skipStringValue() } else { value = try parser.readString() }
            case 3: type = try parser.readString()
            case 4: targets = try targetList(&parser)
            case 5: gitBranch = try parser.readString()
            case 6: customEnvironmentIDs = try strings(&parser)
            // Through a Double, as `Decodable` reads it.
            case 7: updatedAt = Double(try parser.readInteger())
            default: _ = try parser.readBool()
            }
        }
        guard let key, let type else { throw parser.unexpectedValue(expected: "a variable with a key and a type") }
        return VercelRemoteEnv(
            id: id ?? "", key: key, targets: targets ?? [], type: type, listedValue: value, gitBranch: gitBranch.flatMap { $0.isEmpty ? nil : $0 },
            customEnvironmentIDs: customEnvironmentIDs ?? [], updatedAt: updatedAt.flatMap(VercelRemoteEnv.milliseconds)
        )
    }

    private static func strings(_ parser: inout JSONParser) throws(JSONParseError) -> [String] {
        var texts: [String] = []
        guard try parser.enterArray() else { return texts }
        repeat { texts.append(try parser.readString()) } while try parser.nextElement()
        return texts
    }

    /// `target`: an array of names or, as `VercelTargetList` reads it, one name. Known names go
    /// straight to their shared list (`VercelTargets.known`), with no array made for them;
    /// `VercelRemoteEnv` puts any others in their place.
    private static func targetList(_ parser: inout JSONParser) throws(JSONParseError) -> [String] {
        if try parser.nextValueByte() == UInt8(ascii: "\"") { return [try parser.readString()] }
        var bits = 0
        var others: [String] = []
        guard try parser.enterArray() else { return [] }
        repeat {
            let target = try parser.readString()
            if let bit = VercelTargets.bit(of: target) { bits |= bit } else { others.append(target) }
        } while try parser.nextElement()
        return others.isEmpty ? VercelTargets.known(bits) : VercelTargets.known(bits) + others
    }

    private static func cursor(_ parser: inout JSONParser) throws(JSONParseError) -> VercelEnvListBody.Pagination {
        var count: Double?, next: Double?
        try parser.readObject(paginationMembers) { (member, parser) throws(JSONParseError) in
            let number = Double(try parser.readInteger())
            if member == 0 { count = number } else { next = number }
        }
        return VercelEnvListBody.Pagination(count: count, next: next)
    }
}
