import Foundation
import OpsCore

extension GitHubEmulator {
    /// URLs and embedded objects for one repository. Every URL points back into the sandbox
    /// (`http://127.0.0.1:PORT/github/...`), so a client that follows one stays in the sandbox;
    /// `html_url`s use the same mount without `/repos`, the way github.com mirrors api.github.com.
    struct Links {
        /// The mount URL, standing in for `https://api.github.com`.
        let api: String
        let owner: String
        let name: String
        /// Made once per request, not once per URL: a page of labels holds a hundred of them.
        let repository: String
        let html: String

        init(api: String, repository: Repository) {
            self.api = api
            owner = repository.owner
            name = repository.name
            self.repository = "\(api)/repos/\(repository.owner)/\(repository.name)"
            html = "\(api)/\(repository.owner)/\(repository.name)"
        }

        func label(_ labelName: String) -> String {
            "\(repository)/labels/\(PercentEncoding.encode(labelName))"
        }

        func protection(_ branch: String) -> String {
            "\(repository)/branches/\(branch.split(separator: "/").map { PercentEncoding.encode($0) }.joined(separator: "/"))/protection"
        }

        func encodedPath(_ path: String) -> String {
            path.split(separator: "/").map { PercentEncoding.encode($0) }.joined(separator: "/")
        }

        // MARK: Embedded objects

        /// A `simple-user`; ids are derived from the login so they stay the same across runs.
        func user(_ login: String) -> JSONValue {
            let id = StableHash.id("user:\(login.lowercased())")
            let url = "\(api)/users/\(login)"
            return [
                "login": .string(login), "id": .int(id), "node_id": .string(nodeID("04:User", id)),
                "avatar_url": .string("\(api)/avatars/\(login)"), "gravatar_id": "", "url": .string(url),
                "html_url": .string("\(api)/\(login)"), "followers_url": .string("\(url)/followers"),
                "following_url": .string("\(url)/following{/other_user}"), "gists_url": .string("\(url)/gists{/gist_id}"),
                "starred_url": .string("\(url)/starred{/owner}{/repo}"), "subscriptions_url": .string("\(url)/subscriptions"),
                "organizations_url": .string("\(url)/orgs"), "repos_url": .string("\(url)/repos"),
                "events_url": .string("\(url)/events{/privacy}"), "received_events_url": .string("\(url)/received_events"),
                "type": "User", "site_admin": false,
            ]
        }

        func team(_ slug: String) -> JSONValue {
            let id = StableHash.id("team:\(owner.lowercased())/\(slug.lowercased())")
            let url = "\(api)/teams/\(id)"
            return [
                "id": .int(id), "node_id": .string(nodeID("04:Team", id)), "url": .string(url),
                "html_url": .string("\(api)/orgs/\(owner)/teams/\(slug)"), "name": .string(slug), "slug": .string(slug),
                "description": .null, "privacy": "closed", "permission": "push",
                "members_url": .string("\(url)/members{/member}"), "repositories_url": .string("\(url)/repos"), "parent": .null,
            ]
        }

        func app(_ slug: String) -> JSONValue {
            let id = StableHash.id("app:\(slug.lowercased())")
            return [
                "id": .int(id), "slug": .string(slug), "node_id": .string(nodeID("03:Integration", id)),
                "owner": user(owner), "name": .string(slug), "description": "", "external_url": "",
                "html_url": .string("\(api)/apps/\(slug)"), "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
                "permissions": .object([:]), "events": [],
            ]
        }

        /// A `full-repository`, with the members the OpenAPI description marks required.
        func repositoryObject(_ repo: Repository) -> JSONValue {
            let url = repository
            let openPulls = repo.pulls.filter { $0.state == "open" }.count
            var members: [String: JSONValue] = [
                "id": .int(repo.id), "node_id": .string(nodeID("010:Repository", repo.id)), "name": .string(repo.name),
                "full_name": .string(repo.fullName), "private": .bool(repo.isPrivate), "owner": user(repo.owner),
                "html_url": .string(html), "description": repo.description.map(JSONValue.string) ?? .null, "fork": false,
                "url": .string(url), "default_branch": .string(repo.defaultBranch),
                "visibility": .string(repo.isPrivate ? "private" : "public"),
                "created_at": .string(repo.createdAt), "updated_at": .string(repo.createdAt), "pushed_at": .string(repo.createdAt),
                "git_url": .string("git://\(html.drop { $0 != "/" }.dropFirst(2)).git"), "ssh_url": .string("git@sandbox.invalid:\(repo.fullName).git"),
                "clone_url": .string("\(html).git"), "svn_url": .string(html), "homepage": .null, "mirror_url": .null,
                "size": 0, "stargazers_count": 0, "watchers_count": 0, "watchers": 0, "forks_count": 0, "forks": 0,
                "open_issues_count": .int(openPulls), "open_issues": .int(openPulls), "network_count": 0, "subscribers_count": 0,
                "language": .null, "license": .null, "topics": [], "is_template": false,
                "has_issues": true, "has_projects": true, "has_downloads": true, "has_wiki": true, "has_pages": false,
                "archived": false, "disabled": false,
                "allow_merge_commit": true, "allow_squash_merge": true, "allow_rebase_merge": true, "allow_auto_merge": false,
                "delete_branch_on_merge": false, "allow_forking": true, "web_commit_signoff_required": false,
                "permissions": ["admin": true, "maintain": true, "push": true, "triage": true, "pull": true],
            ]
            let templates: [(String, String)] = [
                ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"), ("blobs_url", "/git/blobs{/sha}"),
                ("branches_url", "/branches{/branch}"), ("collaborators_url", "/collaborators{/collaborator}"),
                ("comments_url", "/comments{/number}"), ("commits_url", "/commits{/sha}"), ("compare_url", "/compare/{base}...{head}"),
                ("contents_url", "/contents/{+path}"), ("contributors_url", "/contributors"), ("deployments_url", "/deployments"),
                ("downloads_url", "/downloads"), ("events_url", "/events"), ("forks_url", "/forks"),
                ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"), ("git_tags_url", "/git/tags{/sha}"),
                ("hooks_url", "/hooks"), ("issue_comment_url", "/issues/comments{/number}"), ("issue_events_url", "/issues/events{/number}"),
                ("issues_url", "/issues{/number}"), ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"),
                ("languages_url", "/languages"), ("merges_url", "/merges"), ("milestones_url", "/milestones{/number}"),
                ("notifications_url", "/notifications{?since,all,participating}"), ("pulls_url", "/pulls{/number}"),
                ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"), ("statuses_url", "/statuses/{sha}"),
                ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"), ("tags_url", "/tags"),
                ("teams_url", "/teams"), ("trees_url", "/git/trees{/sha}"),
            ]
            for (key, suffix) in templates { members[key] = .string(url + suffix) }
            return .object(members)
        }

        /// GitHub's legacy global node ids: base64 of "<type length>:<Type><id>".
        func nodeID(_ typePrefix: String, _ id: Int) -> String {
            // From an array of bytes, not an interpolated string's UTF-8 view, which `Data`
            // copied byte by byte: every label of a page has a node id.
            var bytes = Array(typePrefix.utf8)
            JSONWriter.writeInt(id, into: &bytes)
            return Data(bytes).base64EncodedString()
        }
    }
}
