import OpsCore

extension GitHubEmulator {
    /// A commit in the emulator's miniature git: a flat map from file path to blob SHA. Enough to
    /// create branches, write files through the contents API and open pull requests.
    struct Commit: Sendable, Equatable {
        /// Path → blob SHA.
        var tree: [String: String]
        var parents: [String]
        var message: String
        var authorName: String
        var authorEmail: String
        /// ISO 8601, UTC.
        var date: String

        /// Commit names are derived from the content like git's, though not byte-for-byte git's
        /// encoding (the emulator has no real trees); clients only compare them for equality.
        var sha: String {
            SHA1.hex("commit\n" + JSONWriter.canonical(stateJSON))
        }

        var treeSHA: String {
            SHA1.hex("tree\n" + JSONWriter.canonical(.object(tree.mapValues(JSONValue.string))))
        }

        /// The root commit of a repository created on first use; deterministic, so the same
        /// owner/name has the same `main` SHA in every run.
        static func initial(repository: String) -> Commit {
            Commit(
                tree: [:], parents: [], message: "Initial commit (\(repository), created by the opsctl sandbox)",
                authorName: "opsctl sandbox", authorEmail: "sandbox@opsctl.invalid", date: "2024-01-01T00:00:00Z"
            )
        }

        init(tree: [String: String], parents: [String], message: String, authorName: String, authorEmail: String, date: String) {
            self.tree = tree
            self.parents = parents
            self.message = message
            self.authorName = authorName
            self.authorEmail = authorEmail
            self.date = date
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            var tree: [String: String] = [:]
            for (file, value, filePath) in try reader.object("tree") {
                guard case .string(let sha) = value else {
                    throw StateDecodingError(path: filePath, problem: "expected a blob SHA string, found \(JSONFieldReader.kind(of: value))")
                }
                tree[file] = sha
            }
            self.tree = tree
            parents = try reader.stringArray("parents")
            message = try reader.string("message")
            let author = try reader.reader("author")
            authorName = try author?.optionalString("name") ?? "opsctl sandbox"
            authorEmail = try author?.optionalString("email") ?? "sandbox@opsctl.invalid"
            date = try author?.optionalString("date") ?? "2024-01-01T00:00:00Z"
        }

        var stateJSON: JSONValue {
            [
                "tree": .object(tree.mapValues(JSONValue.string)),
                "parents": .array(parents.map(JSONValue.string)),
                "message": .string(message),
                "author": ["name": .string(authorName), "email": .string(authorEmail), "date": .string(date)],
            ]
        }
    }
}
