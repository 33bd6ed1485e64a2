import Foundation
import OpsCore

extension GitHubEmulator {
    /// `GET` and `PUT /repos/{o}/{r}/contents/{path}`: reading a file or directory at a ref, and
    /// committing one file to a branch.
    enum ContentsRoutes {
        static func get(_ context: RouteContext, _ repository: Repository, path rawPath: String) throws(RouteFailure) -> HTTPResponse {
            let path = rawPath.split(separator: "/").joined(separator: "/")
            let ref = context.request.query["ref"] ?? repository.defaultBranch
            guard let commitSHA = repository.resolveCommit(ref), let commit = repository.commits[commitSHA] else {
                throw RouteFailure(response: Errors.basic(404, "No commit found for the ref \(ref)", docs: Docs.getContent))
            }
            if let blobSHA = commit.tree[path] {
                let content = repository.blobs[blobSHA] ?? ""
                var object = entry(name: lastComponent(path), path: path, sha: blobSHA, size: decodedSize(content), isFile: true, ref: ref, context.links)
                object["content"] = .string(wrapped(content))
                object["encoding"] = "base64"
                return .json(200, .object(object))
            }
            // A directory: the entries directly below `path`, files and subdirectories.
            let prefix = path.isEmpty ? "" : path + "/"
            var files: [String: String] = [:]
            var directories: [String: [String: String]] = [:]
            for (file, sha) in commit.tree where file.hasPrefix(prefix) {
                let rest = file.dropFirst(prefix.count)
                if let slash = rest.firstIndex(of: "/") {
                    directories[String(rest[..<slash]), default: [:]][file] = sha
                } else {
                    files[String(rest)] = sha
                }
            }
            if files.isEmpty && directories.isEmpty && !path.isEmpty {
                throw Errors.notFound(docs: Docs.getContent)
            }
            var entries: [(String, JSONValue)] = []
            for (name, sha) in files {
                entries.append((name, .object(entry(name: name, path: prefix + name, sha: sha, size: decodedSize(repository.blobs[sha] ?? ""), isFile: true, ref: ref, context.links))))
            }
            for (name, subtree) in directories {
                let sha = SHA1.hex("tree\n" + JSONWriter.canonical(.object(subtree.mapValues(JSONValue.string))))
                entries.append((name, .object(entry(name: name, path: prefix + name, sha: sha, size: 0, isFile: false, ref: ref, context.links))))
            }
            return .json(200, .array(entries.sorted { $0.0 < $1.0 }.map(\.1)))
        }

        static func put(_ context: RouteContext, _ repository: Repository, _ github: inout State, path rawPath: String) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.putContent
            let segments = rawPath.split(separator: "/", omittingEmptySubsequences: false)
            guard !rawPath.isEmpty, !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw RouteFailure(response: Errors.basic(422, "path is invalid", docs: docs))
            }
            let path = rawPath
            let body = try RequestBody.parse(context.request, docs: docs)
            try body.require(["message", "content"])
            guard let message = try body.string("message"), let encoded = try body.string("content") else {
                throw body.refusal(.missingMembers(["message", "content"]))
            }
            // Line breaks are allowed (GitHub sends them itself); filtered by scalar because
            // "\r\n" is one Character.
            let compact = String(String.UnicodeScalarView(encoded.unicodeScalars.filter { $0 != "\n" && $0 != "\r" }))
            guard let bytes = Data(base64Encoded: compact) else {
                throw RouteFailure(response: Errors.basic(422, "content is not valid Base64", docs: docs))
            }
            let branch = try body.string("branch") ?? repository.defaultBranch
            guard let head = repository.branchHead(branch), let parent = repository.commits[head] else {
                throw RouteFailure(response: Errors.basic(404, "Branch \(branch) not found", docs: docs))
            }
            let committer = try person(body.object("committer"))
            let author = try person(body.object("author")) ?? committer

            let existing = parent.tree[path]
            if let existing {
                guard let sha = try body.string("sha") else {
                    throw body.refusal(.missingMembers(["sha"]))
                }
                guard sha == existing else {
                    throw RouteFailure(response: Errors.basic(409, "\(path) does not match \(sha)", docs: docs))
                }
            }

            let blobSHA = SHA1.gitBlob(Array(bytes))
            var tree = parent.tree
            tree[path] = blobSHA
            let date = SandboxTimestamp.now().rfc3339
            let commit = Commit(
                tree: tree, parents: [head], message: message,
                authorName: author?.name ?? context.actor, authorEmail: author?.email ?? "\(context.actor)@users.noreply.sandbox.invalid", date: date
            )
            var repository = repository
            repository.blobs[blobSHA] = bytes.base64EncodedString()
            repository.commits[commit.sha] = commit
            repository.refs["heads/\(branch)"] = commit.sha
            repository.recordActivity(
                "push", branch: branch, before: head, after: commit.sha, login: context.actor, id: github.allocateID(avoiding: repository))
            github.store(repository)

            let links = context.links
            let commitURL = "\(links.repository)/git/commits/\(commit.sha)"
            let signature: JSONValue = ["name": .string(commit.authorName), "email": .string(commit.authorEmail), "date": .string(date)]
            let response: JSONValue = [
                "content": .object(entry(name: lastComponent(path), path: path, sha: blobSHA, size: bytes.count, isFile: true, ref: branch, links)),
                "commit": [
                    "sha": .string(commit.sha), "node_id": .string(links.nodeID("06:Commit", StableHash.id(commit.sha))),
                    "url": .string(commitURL), "html_url": .string("\(links.html)/commit/\(commit.sha)"),
                    "author": signature, "committer": signature, "message": .string(message),
                    "tree": ["url": .string("\(links.repository)/git/trees/\(commit.treeSHA)"), "sha": .string(commit.treeSHA)],
                    "parents": [["url": .string("\(links.repository)/git/commits/\(head)"), "html_url": .string("\(links.html)/commit/\(head)"), "sha": .string(head)]],
                    "verification": ["verified": false, "reason": "unsigned", "signature": .null, "payload": .null],
                ],
            ]
            return .json(existing == nil ? 201 : 200, response)
        }

        /// `committer` and `author` need both `name` and `email` when given.
        private static func person(_ body: RequestBody?) throws(RouteFailure) -> (name: String, email: String)? {
            guard let body else { return nil }
            try body.require(["name", "email"])
            guard let name = try body.string("name"), let email = try body.string("email") else {
                throw body.refusal(.missingMembers(["name", "email"]))
            }
            return (name, email)
        }

        private static func entry(name: String, path: String, sha: String, size: Int, isFile: Bool, ref: String, _ links: Links) -> [String: JSONValue] {
            let encodedPath = links.encodedPath(path)
            let url = "\(links.repository)/contents/\(encodedPath)?ref=\(PercentEncoding.encode(ref))"
            let gitURL = "\(links.repository)/git/\(isFile ? "blobs" : "trees")/\(sha)"
            let htmlURL = "\(links.html)/\(isFile ? "blob" : "tree")/\(PercentEncoding.encode(ref))/\(encodedPath)"
            return [
                "type": .string(isFile ? "file" : "dir"), "name": .string(name), "path": .string(path), "sha": .string(sha), "size": .int(size),
                "url": .string(url), "git_url": .string(gitURL), "html_url": .string(htmlURL),
                "download_url": isFile ? .string("\(links.api)/raw/\(links.owner)/\(links.name)/\(PercentEncoding.encode(ref))/\(encodedPath)") : .null,
                "_links": ["self": .string(url), "git": .string(gitURL), "html": .string(htmlURL)],
            ]
        }

        /// GitHub breaks base64 content into lines of 60 characters; clients must cope.
        private static func wrapped(_ base64: String) -> String {
            var lines: [Substring] = []
            var rest = Substring(base64)
            while !rest.isEmpty {
                lines.append(rest.prefix(60))
                rest = rest.dropFirst(60)
            }
            return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
        }

        private static func decodedSize(_ base64: String) -> Int {
            Data(base64Encoded: base64)?.count ?? 0
        }

        private static func lastComponent(_ path: String) -> String {
            path.split(separator: "/").last.map(String.init) ?? path
        }
    }
}
