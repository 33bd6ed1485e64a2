import OpsCore

extension GitHubEmulator {
    /// A pull-request review as the state file keeps it.
    struct Review: Sendable, Equatable {
        var id: Int
        var login: String
        /// `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED` or `DISMISSED`.
        var state: String
        var body: String
        var commitID: String
        var submittedAt: String

        init(id: Int, login: String, state: String, body: String, commitID: String, submittedAt: String) {
            self.id = id
            self.login = login
            self.state = state
            self.body = body
            self.commitID = commitID
            self.submittedAt = submittedAt
        }

        /// The review states GitHub records for the `event` a review is submitted with.
        static func state(forEvent event: String) -> String? {
            switch event {
            case "APPROVE": "APPROVED"
            case "REQUEST_CHANGES": "CHANGES_REQUESTED"
            case "COMMENT": "COMMENTED"
            default: nil
            }
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.int("id")
            login = try reader.string("login")
            state = try reader.string("state")
            body = try reader.optionalString("body") ?? ""
            commitID = try reader.string("commit_id")
            submittedAt = try reader.optionalString("submitted_at") ?? "2024-01-01T00:00:00Z"
        }

        var stateJSON: JSONValue {
            [
                "id": .int(id), "login": .string(login), "state": .string(state), "body": .string(body), "commit_id": .string(commitID),
                "submitted_at": .string(submittedAt),
            ]
        }
    }

    /// A comment on an issue or pull request (they share numbers and the comments API).
    struct IssueComment: Sendable, Equatable {
        var id: Int
        var issueNumber: Int
        var login: String
        var body: String
        var createdAt: String
        var updatedAt: String

        init(id: Int, issueNumber: Int, login: String, body: String, createdAt: String) {
            self.id = id
            self.issueNumber = issueNumber
            self.login = login
            self.body = body
            self.createdAt = createdAt
            updatedAt = createdAt
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.int("id")
            issueNumber = try reader.int("issue_number")
            login = try reader.string("login")
            body = try reader.optionalString("body") ?? ""
            createdAt = try reader.optionalString("created_at") ?? "2024-01-01T00:00:00Z"
            updatedAt = try reader.optionalString("updated_at") ?? createdAt
        }

        var stateJSON: JSONValue {
            [
                "id": .int(id), "issue_number": .int(issueNumber), "login": .string(login), "body": .string(body),
                "created_at": .string(createdAt), "updated_at": .string(updatedAt),
            ]
        }
    }

    /// One entry of the repository activity log: who moved which ref from where to where.
    struct Activity: Sendable, Equatable {
        var id: Int
        /// `refs/heads/<branch>`.
        var ref: String
        var before: String
        var after: String
        /// `push`, `force_push`, `branch_creation`, `branch_deletion`, `pr_merge`.
        var activityType: String
        var login: String
        var timestamp: String

        init(id: Int, ref: String, before: String, after: String, activityType: String, login: String, timestamp: String) {
            self.id = id
            self.ref = ref
            self.before = before
            self.after = after
            self.activityType = activityType
            self.login = login
            self.timestamp = timestamp
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.int("id")
            ref = try reader.string("ref")
            before = try reader.optionalString("before") ?? String(repeating: "0", count: 40)
            after = try reader.string("after")
            activityType = try reader.optionalString("activity_type") ?? "push"
            login = try reader.string("login")
            timestamp = try reader.optionalString("timestamp") ?? "2024-01-01T00:00:00Z"
        }

        var stateJSON: JSONValue {
            [
                "id": .int(id), "ref": .string(ref), "before": .string(before), "after": .string(after),
                "activity_type": .string(activityType), "login": .string(login), "timestamp": .string(timestamp),
            ]
        }
    }
}
