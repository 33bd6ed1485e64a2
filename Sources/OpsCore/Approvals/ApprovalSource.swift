import Foundation

/// Where an approval was given when it was not given at opsctl's command line: the evidence an
/// `approve` receipt records (body version 3, member `source`) so the log alone shows why it
/// counted. A GitHub review is re-checked with GitHub by `apply` before it counts; a Slack
/// action was checked by `serve slack` (its request signature) before the receipt was written.
package enum ApprovalSource: Sendable, Equatable {
    case githubReview(GitHubReviewEvidence)
    case slack(SlackActionEvidence)

    /// The identity roles name the approver by: `github:LOGIN`, or the e-mail Slack's profile
    /// gives for the user.
    package var identity: String {
        switch self {
        case .githubReview(let review): "github:" + review.login
        case .slack(let action): action.email
        }
    }

    var members: [String: JSONValue] {
        switch self {
        case .githubReview(let review): ["github": .object(review.members)]
        case .slack(let action): ["slack": .object(action.members)]
        }
    }

    /// Nil unless the member reads completely as exactly one source.
    init?(_ value: JSONValue?) {
        guard case .object(let object) = value, object.count == 1 else { return nil }
        if let github = object["github"], let review = GitHubReviewEvidence(github) {
            self = .githubReview(review)
        } else if let slack = object["slack"], let action = SlackActionEvidence(slack) {
            self = .slack(action)
        } else {
            return nil
        }
    }
}

/// A pull-request review that approved a change (issue 10 §2): the review as
/// `GET /repos/{o}/{r}/pulls/{n}/reviews` listed it when `apply` counted it.
package struct GitHubReviewEvidence: Sendable, Equatable {
    /// `owner/name`.
    package var repository: String
    package var pullRequest: Int
    package var reviewID: Int
    package var commitID: String
    package var login: String
    /// As GitHub spells it, ISO 8601 in UTC.
    package var submittedAt: String

    package init(repository: String, pullRequest: Int, reviewID: Int, commitID: String, login: String, submittedAt: String) {
        self.repository = repository
        self.pullRequest = pullRequest
        self.reviewID = reviewID
        self.commitID = commitID
        self.login = login
        self.submittedAt = submittedAt
    }

    var members: [String: JSONValue] {
        [
            "repository": .string(repository), "pull_request": .int(pullRequest), "review_id": .int(reviewID),
            "commit_id": .string(commitID), "login": .string(login), "submitted_at": .string(submittedAt),
        ]
    }

    init?(_ value: JSONValue) {
        guard let repository = value["repository"]?.stringValue, let pullRequest = value["pull_request"]?.intValue,
            let reviewID = value["review_id"]?.intValue, let commitID = value["commit_id"]?.stringValue,
            let login = value["login"]?.stringValue, !login.isEmpty, let submittedAt = value["submitted_at"]?.stringValue
        else { return nil }
        self.init(repository: repository, pullRequest: pullRequest, reviewID: reviewID, commitID: commitID, login: login, submittedAt: submittedAt)
    }
}

/// A Slack button click, slash command or reaction that approved a change (issue 10 §3).
package struct SlackActionEvidence: Sendable, Equatable {
    /// How the approval was given in Slack.
    package enum Kind: String, Sendable, Equatable {
        /// The Approve button of an approval request, received by `serve slack`.
        case button
        /// `/ops approve ID`, received by `serve slack`.
        case slashCommand = "slash-command"
        /// A named emoji on the request message, read by `approve --wait` (as strong as the
        /// Slack account: nothing signs a reaction).
        case reaction
    }

    package var kind: Kind
    /// The workspace (`T…`).
    package var team: String
    /// The channel (`C…`) of the approval request.
    package var channel: String
    /// The Slack user (`U…`).
    package var user: String
    /// The user's e-mail, as `users.info` gave it; the identity roles name.
    package var email: String
    /// The request message's `ts`, when there was one.
    package var messageTS: String?
    /// The action's `action_ts` (a button), the command's trigger time, or the time the
    /// reaction was seen.
    package var actionTS: String

    package init(kind: Kind, team: String, channel: String, user: String, email: String, messageTS: String?, actionTS: String) {
        self.kind = kind
        self.team = team
        self.channel = channel
        self.user = user
        self.email = email
        self.messageTS = messageTS
        self.actionTS = actionTS
    }

    var members: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "kind": .string(kind.rawValue), "team": .string(team), "channel": .string(channel), "user": .string(user),
            "email": .string(email), "action_ts": .string(actionTS),
        ]
        if let messageTS { members["ts"] = .string(messageTS) }
        return members
    }

    init?(_ value: JSONValue) {
        guard let kind = value["kind"]?.stringValue.flatMap(Kind.init(rawValue:)), let team = value["team"]?.stringValue,
            let channel = value["channel"]?.stringValue, let user = value["user"]?.stringValue,
            let email = value["email"]?.stringValue, !email.isEmpty, let actionTS = value["action_ts"]?.stringValue
        else { return nil }
        self.init(kind: kind, team: team, channel: channel, user: user, email: email, messageTS: value["ts"]?.stringValue, actionTS: actionTS)
    }
}
