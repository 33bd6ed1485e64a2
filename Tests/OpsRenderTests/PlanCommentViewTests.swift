@testable import OpsCore
import Testing
@testable import OpsRender

/// opsctl's pull-request comment: redacted, bound to the plan's digest, within the limit.
struct PlanCommentViewTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    @Test func aSecretThatSlippedIntoThePlanNeverReachesTheComment() {
        let comment = PlanCommentView(redactor: RedactionInViewsTests.redactor())
            .render(RedactionInViewsTests.leakyPlan, planDigest: Self.digest, planFile: "plan.json", inActions: false)
        RedactionInViewsTests.expectMasked(comment)
        #expect(comment.hasPrefix(PlanCommentBlock.marker + "\n"))
        #expect(PlanCommentBlock.planDigest(in: comment) == Self.digest)
    }

    @Test func aLongPlanIsCutOnALineWithANoteAndKeepsItsDigest() {
        var plan = RenderFixtures.plan
        let template = plan.changes[0]
        plan.changes = (0..<400).map { index in
            var change = template
            change.description = "change number \(index) " + String(repeating: "é", count: 60)
            return change
        }
        let limit = 8_000
        let view = PlanCommentView(redactor: Redactor(registry: SecretRegistry()), characterLimit: limit)
        let comment = view.render(plan, planDigest: Self.digest, planFile: "plan.json", inActions: true)
        #expect(comment.unicodeScalars.count <= limit)
        #expect(comment.contains("This plan was cut"))
        #expect(comment.contains("the whole plan is in this job's step summary"))
        #expect(comment.contains("more changes are listed in the plan file, not here"))
        #expect(PlanCommentBlock.planDigest(in: comment) == Self.digest)

        let small = view.render(RenderFixtures.plan, planDigest: Self.digest, planFile: "plan.json", inActions: false)
        #expect(!small.contains("This plan was cut"))
        #expect(small.contains(PlanMarkdownRenderer.render(RenderFixtures.plan)))
    }

    @Test func theBlockIsReadBackOnlyWhenItNamesExactlyOnePlan() {
        let block = PlanCommentBlock.fenced(planDigest: Self.digest, changes: [])
        #expect(PlanCommentBlock.planDigest(in: "text\n" + block) == Self.digest)
        #expect(PlanCommentBlock.planDigest(in: block + block.replacingOccurrences(of: "ab", with: "cd")) == nil)
        #expect(PlanCommentBlock.planDigest(in: "plan \(Self.digest)") == nil)
        #expect(PlanCommentBlock.planDigest(in: "```opsctl-plan\nplan md5:abc\n```") == nil)
    }
}
