import Foundation
import OpsCore
import Testing
@testable import OpsSandbox

/// The GitHub emulator's reviews, issue comments, activity log and merges, in the shapes of
/// GitHub's OpenAPI description, plus the `/_sandbox` controls that stand in for people.
@Suite("GitHub emulator: reviews, comments, activity")
struct GitHubReviewRoutesTests {
    let repo = "/github/repos/acme/app"
    let control = "/github/_sandbox/repos/acme/app"

    /// A pull request from `feature`, pushed by dave.
    func openPullRequest(_ harness: SandboxHarness) throws -> Int {
        #expect(try harness.request("POST", "\(control)/push", body: ["branch": "feature", "login": "dave"]).status == 201)
        let pull = try harness.request("POST", "\(repo)/pulls", body: ["title": "t", "head": "feature", "base": "main"])
        #expect(pull.status == 201)
        return try #require(pull.json()["number"]?.intValue)
    }

    @Test func reviewsAreListedInOrderWithTheirCommitAndCanBeDismissed() throws {
        let harness = try SandboxHarness()
        let number = try openPullRequest(harness)
        let head = try #require(try harness.request("GET", "\(repo)/pulls/\(number)").json()["head"]?["sha"]?.stringValue)

        let approved = try harness.request("POST", "\(control)/pulls/\(number)/reviews", body: ["login": "alice", "event": "APPROVE"])
        #expect(approved.status == 201)
        let review = try approved.json()
        #expect(review["state"] == "APPROVED")
        #expect(review["commit_id"]?.stringValue == head)
        #expect(review["user"]?["login"] == "alice")
        #expect(review["submitted_at"]?.stringValue?.hasSuffix("Z") == true)
        for key in ["id", "node_id", "body", "html_url", "pull_request_url", "_links", "author_association"] { #expect(review[key] != nil, "\(key)") }

        // The token's user opened the pull request: GitHub refuses their approval.
        let own = try harness.request("POST", "\(repo)/pulls/\(number)/reviews", body: ["event": "APPROVE"])
        #expect(own.status == 422)
        #expect(try own.json()["errors"]?.arrayValue?.first == "Can not approve your own pull request")
        // A request for changes needs a body.
        #expect(try harness.request("POST", "\(control)/pulls/\(number)/reviews", body: ["login": "bob", "event": "REQUEST_CHANGES"]).status == 422)
        #expect(try harness.request("POST", "\(control)/pulls/\(number)/reviews", body: ["login": "bob", "event": "COMMENT", "body": "hm"]).status == 201)

        let id = try #require(review["id"]?.intValue)
        let dismissed = try harness.request("PUT", "\(repo)/pulls/\(number)/reviews/\(id)/dismissals", body: ["message": "stale"])
        #expect(dismissed.status == 200)
        #expect(try dismissed.json()["state"] == "DISMISSED")
        let list = try harness.request("GET", "\(repo)/pulls/\(number)/reviews?per_page=1")
        #expect(list.headers["Link"]?.contains("rel=\"next\"") == true)
        #expect(try list.json().arrayValue?.map { $0["user"]?["login"] } == ["alice"])
        let all = try harness.request("GET", "\(repo)/pulls/\(number)/reviews?per_page=100").json().arrayValue ?? []
        #expect(all.map { $0["state"] } == ["DISMISSED", "COMMENTED"])
        #expect(try harness.request("PUT", "\(repo)/pulls/\(number)/reviews/\(id)/dismissals", body: [:]).status == 422)
    }

    @Test func issueCommentsAreCreatedListedAndUpdatedWithinGitHubsLimit() throws {
        let harness = try SandboxHarness()
        let number = try openPullRequest(harness)
        let created = try harness.request("POST", "\(repo)/issues/\(number)/comments", body: ["body": "first"])
        #expect(created.status == 201)
        let comment = try created.json()
        let id = try #require(comment["id"]?.intValue)
        #expect(created.headers["Location"] == comment["url"]?.stringValue)
        for key in ["node_id", "html_url", "issue_url", "author_association", "user", "created_at", "updated_at"] { #expect(comment[key] != nil, "\(key)") }

        let updated = try harness.request("PATCH", "\(repo)/issues/comments/\(id)", body: ["body": "second"])
        #expect(updated.status == 200)
        #expect(try harness.request("GET", "\(repo)/issues/comments/\(id)").json()["body"] == "second")
        #expect(try harness.request("GET", "\(repo)/issues/\(number)/comments").json().arrayValue?.count == 1)

        let tooLong = try harness.request("POST", "\(repo)/issues/\(number)/comments", body: ["body": .string(String(repeating: "a", count: 65_537))])
        #expect(tooLong.status == 422)
        #expect(try tooLong.json()["errors"]?.arrayValue?.first?["message"] == "body is too long (maximum is 65536 characters)")
        #expect(try harness.request("POST", "\(repo)/issues/\(number)/comments", body: ["body": .string(String(repeating: "a", count: 65_536))]).status == 201)
        #expect(try harness.request("POST", "\(repo)/issues/999/comments", body: ["body": "x"]).status == 404)
        #expect(try harness.request("PATCH", "\(repo)/issues/comments/\(id)", body: [:]).status == 422)
    }

    @Test func theActivityLogNamesWhoMovedEachBranchNewestFirst() throws {
        let harness = try SandboxHarness()
        let number = try openPullRequest(harness)
        #expect(try harness.request("POST", "\(control)/push", body: ["branch": "feature", "login": "erin"]).status == 201)
        let head = try harness.request("GET", "\(repo)/pulls/\(number)").json()["head"]?["sha"]?.stringValue

        let activity = try harness.request("GET", "\(repo)/activity?ref=refs/heads/feature").json().arrayValue ?? []
        #expect(activity.map { $0["activity_type"] } == ["push", "branch_creation"])
        #expect(activity.map { $0["actor"]?["login"] } == ["erin", "dave"])
        #expect(activity.first?["after"]?.stringValue == head)
        #expect(activity.first?["ref"] == "refs/heads/feature")
        #expect(try harness.request("GET", "\(repo)/activity?ref=feature&activity_type=push").json().arrayValue?.count == 1)
        #expect(try harness.request("GET", "\(repo)/activity?activity_type=nonsense").status == 422)

        let merged = try harness.request("POST", "\(control)/pulls/\(number)/merge", body: ["login": "bob"])
        #expect(merged.status == 200)
        let pull = try harness.request("GET", "\(repo)/pulls/\(number)").json()
        #expect(pull["merged"] == true)
        #expect(pull["state"] == "closed")
        #expect(pull["merged_by"]?["login"] == "bob")
        #expect(try harness.request("PUT", "\(repo)/pulls/\(number)/merge", body: [:]).status == 405)
    }
}
