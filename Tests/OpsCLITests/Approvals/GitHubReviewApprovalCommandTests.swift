import Foundation
import OpsCore
import Testing

@testable import OpsCLI

/// `plan --pr`, `apply` and `status` with pull-request reviews as approvals (`method: github`),
/// in-process, against the sandbox's GitHub emulator over loopback HTTP.
@Suite("GitHub review approvals through the CLI")
struct GitHubReviewApprovalCommandTests {
    static let bug = "github.label.create.bug"
    static let docs = "github.label.create.docs"

    static func planDigest(_ testbed: GitHubReviewTestbed, file: String = "plan.json") throws -> String {
        try PlanDigest.of(PlanFile.read(from: testbed.directory.file(file)))
    }

    @Test func planPostsOneCommentNamingThePlanAndUpdatesItInsteadOfAddingAnother() async throws {
        let testbed = try await GitHubReviewTestbed()
        let first = await testbed.plan()
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("Posted the plan on acme/\(testbed.repo)#\(testbed.number)"))
        let plan = try PlanFile.read(from: testbed.directory.file("plan.json"))
        #expect(plan.pullRequest?.number == testbed.number)
        #expect(plan.pullRequest?.repository == "acme/\(testbed.repo)")
        #expect(plan.pullRequest?.headSHA.count == 40)

        var comments = try await testbed.comments()
        #expect(comments.count == 1)
        let body = comments.first?["body"]?.stringValue ?? ""
        #expect(body.hasPrefix(PlanCommentBlock.marker))
        #expect(body.contains("## opsctl plan"))
        #expect(body.contains("```opsctl-plan\nplan \(PlanDigest.of(plan))\n"))
        for change in plan.changes { #expect(body.contains("\(change.id) \(PlanDigest.of(change))")) }
        #expect(PlanCommentBlock.planDigest(in: body) == PlanDigest.of(plan))
        #expect(!body.contains(GitHubReviewTestbed.token))

        let second = await testbed.plan()
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardError.contains("Updated the plan on"))
        comments = try await testbed.comments()
        #expect(comments.count == 1)
        #expect(PlanCommentBlock.planDigest(in: comments.first?["body"]?.stringValue ?? "") == (try Self.planDigest(testbed)))
    }

    @Test func anApprovingReviewShowsInStatusIsRecordedOnceAndApplies() async throws {
        let testbed = try await GitHubReviewTestbed()
        #expect(await testbed.plan().status == 0)
        let pending = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(pending.status == 2, "\(pending.standardOutput)")
        #expect(pending.standardOutput.contains("no reviews yet"))

        let reviewID = try await testbed.review("alice", "APPROVE", body: "Looks right")
        let status = await testbed.opsctl(["status", "--plan", testbed.directory.file("plan.json")])
        #expect(status.status == 0, "\(status.standardError)")
        #expect(status.standardOutput.contains("approved by github:alice (github review \(reviewID) on acme/\(testbed.repo)#\(testbed.number))"),
                "\(status.standardOutput)")
        #expect(status.standardOutput.contains("apply will record: approval of \(Self.bug) by github:alice"))
        #expect(try testbed.approvalReceipts().isEmpty)

        let applied = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(applied.status == 0, "\(applied.standardOutput)\(applied.standardError)")
        #expect(applied.standardOutput.contains("recorded: approval of \(Self.bug) by github:alice"))
        #expect(try await testbed.labels().sorted() == ["bug", "docs"])
        let approvals = try testbed.approvalReceipts()
        #expect(approvals.count == 2)
        for receipt in approvals {
            #expect(receipt.actor == "github:alice")
            let github = receipt.body["source"]?["github"]
            #expect(github?["review_id"]?.intValue == reviewID)
            #expect(github?["login"]?.stringValue == "alice")
            #expect(github?["pull_request"]?.intValue == testbed.number)
            #expect(github?["commit_id"]?.stringValue == (try PlanFile.read(from: testbed.directory.file("plan.json"))).pullRequest?.headSHA)
            #expect(receipt.body["bodyVersion"]?.intValue == 3)
        }
        let again = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(again.status == 0)
        #expect(try testbed.approvalReceipts().count == 2)
    }

    @Test func reviewsThatDoNotCountAreEachRefusedWithTheirReason() async throws {
        let testbed = try await GitHubReviewTestbed(
            policy: GitHubReviewTestbed.policy(approvers: "[github:bob, github:carol, github:dave]"))
        #expect(await testbed.plan().status == 0)
        try await testbed.review("dave", "APPROVE")  // pushed the head commit
        try await testbed.review("carol", "APPROVE")  // made the plan
        try await testbed.review("erin", "APPROVE")  // holds no role
        try await testbed.review("bob", "APPROVE")
        try await testbed.review("bob", "REQUEST_CHANGES", body: "wrong colour")
        try await testbed.review("bob", "COMMENT", body: "see above")  // a comment does not withdraw or restore

        let run = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(run.status == 2, "\(run.standardOutput)")
        let output = run.standardOutput
        #expect(output.contains("not counted: dave pushed the head commit and cannot approve their own push"), "\(output)")
        #expect(output.contains("not counted: carol made the plan and cannot approve it (separationOfDuties)"))
        #expect(output.contains("not counted: github:erin holds none of the roles reviewers (\(Self.bug))"))
        #expect(output.contains("not counted: the latest review by bob is changes requested, not an approval"))
        #expect(try testbed.approvalReceipts().isEmpty)
        #expect(try await testbed.labels().isEmpty)

        let json = await testbed.opsctl(["status", "--plan", testbed.directory.file("plan.json"), "--json"])
        let document = try JSONParser.parse(Array(json.standardOutput.utf8))
        let reasons = document["reviews"]?["notCounted"]?.arrayValue?.compactMap { $0["login"]?.stringValue } ?? []
        #expect(Set(reasons) == ["dave", "carol", "erin", "bob"])
    }

    @Test func aReviewOfAnOlderCommitOrOfAnotherPlanDoesNotCount() async throws {
        let testbed = try await GitHubReviewTestbed()
        #expect(await testbed.plan(extra: ["--pr", "PLACEHOLDER"]).status != 0)  // not a number
        #expect(await testbed.opsctl(["plan", "--scope", "github", "--out", testbed.directory.file("first.json"), "--pr", String(testbed.number)]).status == 0)
        // Another plan (an identical one would have the same digest, and be the same plan).
        try testbed.directory.write("desired-state.yaml", GitHubReviewTestbed.desiredState + "\n    - name: ops\n      color: 5319e7\n")
        #expect(await testbed.plan().status == 0)
        #expect(try Self.planDigest(testbed, file: "first.json") != (try Self.planDigest(testbed)))
        try await testbed.review("alice", "APPROVE")

        // The comment now names the second plan.
        let first = await testbed.opsctl(["apply", testbed.directory.file("first.json")])
        #expect(first.status == 2)
        #expect(first.standardOutput.contains("alice reviewed a pull request whose plan comment names another plan"), "\(first.standardOutput)")

        // A push after the review: the approval is of a commit that is no longer the head.
        try await testbed.push(as: "dave")
        let stale = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(stale.status == 2)
        #expect(stale.standardOutput.contains("alice approved commit"), "\(stale.standardOutput)")
        #expect(stale.standardOutput.contains("not the pull request's head"))
        #expect(try testbed.approvalReceipts().isEmpty)

        // Approving the new head still does not count for a plan made on the old one.
        try await testbed.review("alice", "APPROVE")
        let moved = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(moved.status == 2)
        #expect(moved.standardOutput.contains("after the plan was posted"), "\(moved.standardOutput)")
        #expect(try await testbed.labels().isEmpty)
    }

    @Test func anApproveLineNarrowsTheReviewToTheChangesItNames() async throws {
        let testbed = try await GitHubReviewTestbed()
        #expect(await testbed.plan().status == 0)
        try await testbed.review("alice", "APPROVE", body: "Only the bug label for now.\n/opsctl approve \(Self.bug)\n")
        let run = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(run.status == 2, "\(run.standardOutput)")
        #expect(try await testbed.labels() == ["bug"])
        #expect(try testbed.approvalReceipts().map { $0.body["changeId"]?.stringValue } == [Self.bug])
    }

    @Test func aDismissedReviewNoLongerCountsOnTheNextApply() async throws {
        let policy = GitHubReviewTestbed.policy().replacingOccurrences(of: "    method: github", with: "    method: github\n    minApprovals: 2")
        let testbed = try await GitHubReviewTestbed(policy: policy)
        #expect(await testbed.plan().status == 0)
        let alice = try await testbed.review("alice", "APPROVE")
        let first = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(first.status == 2, "\(first.standardOutput)")
        #expect(first.standardOutput.contains("1 of 2 approvals: github:alice (github review \(alice)"), "\(first.standardOutput)")
        #expect(try testbed.approvalReceipts().count == 2)

        try await testbed.dismiss(alice)
        try await testbed.review("bob", "APPROVE")
        let second = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(second.status == 2, "\(second.standardOutput)")
        #expect(second.standardOutput.contains("the review \(alice) by github:alice is not an approval on GitHub now"), "\(second.standardOutput)")
        #expect(second.standardOutput.contains("the latest review by alice is dismissed, not an approval"))
        #expect(try testbed.approvalReceipts().count == 4)
        #expect(try await testbed.labels().isEmpty)
    }

    @Test func withoutGitHubCredentialsApplySaysTheReviewsWereNotRead() async throws {
        let testbed = try await GitHubReviewTestbed()
        #expect(await testbed.plan().status == 0)
        try await testbed.review("alice", "APPROVE")
        let run = await testbed.opsctl(["apply", testbed.directory.file("plan.json")], extra: ["OPS_GITHUB_TOKEN": ""])
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("were not read: GitHub's credentials are not set"), "\(run.standardOutput)")
    }

    @Test func aGitHubErrorIsReportedNamingTheRequestAndNoReviewCounts() async throws {
        let testbed = try await GitHubReviewTestbed()
        #expect(await testbed.plan().status == 0)
        try await testbed.review("alice", "APPROVE")
        try await testbed.fault(path: "/activity", status: 404)
        let run = await testbed.opsctl(["apply", testbed.directory.file("plan.json")])
        #expect(run.status == 2, "\(run.standardOutput)")
        #expect(run.standardOutput.contains("not checked:"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("/activity"))
        #expect(run.standardOutput.contains("404"))
        #expect(try testbed.approvalReceipts().isEmpty)
        #expect(!run.standardOutput.contains(GitHubReviewTestbed.token))
    }

    @Test func aPullRequestEventInGitHubActionsPostsWithoutTheFlag() async throws {
        let testbed = try await GitHubReviewTestbed()
        let event = try testbed.directory.write("event.json", #"{"action":"synchronize","number":\#(testbed.number),"pull_request":{"number":\#(testbed.number)}}"#)
        let summary = try testbed.directory.write("summary.md", "")
        let run = await testbed.opsctl(
            ["plan", "--scope", "github", "--out", testbed.directory.file("plan.json")],
            extra: ["GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event, "GITHUB_STEP_SUMMARY": summary])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try await testbed.comments().count == 1)
        #expect(try PlanFile.read(from: testbed.directory.file("plan.json")).pullRequest?.number == testbed.number)
        #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("## opsctl plan"))
    }

    @Test func aPlanTooLargeForOneCommentIsCutWithANoteAndGitHubAcceptsIt() async throws {
        let labels = (1...900).map { "    - name: label-\($0)-\(String(repeating: "x", count: 30))\n      color: ededed\n" }.joined()
        let testbed = try await GitHubReviewTestbed(desiredState: "version: 1\ngithub:\n  labels:\n" + labels)
        let run = await testbed.plan()
        #expect(run.status == 0, "\(run.standardError)")
        let body = try await testbed.comments().first?["body"]?.stringValue ?? ""
        #expect(body.unicodeScalars.count <= 65_536)
        #expect(body.unicodeScalars.count > 40_000)
        #expect(body.contains("This plan was cut"))
        #expect(body.contains("more changes are listed in the plan file, not here"))
        #expect(PlanCommentBlock.planDigest(in: body) == (try Self.planDigest(testbed)))
    }
}
