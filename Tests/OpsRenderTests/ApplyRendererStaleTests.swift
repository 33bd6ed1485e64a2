import Testing
@testable import OpsCore
@testable import OpsRender

/// The stale refusal compares the remote object's fingerprint at plan time with the one now;
/// when they differ only late, both must still read differently.
struct ApplyRendererStaleTests {
    @Test func staleFingerprintsThatDifferLateShowTheDifference() {
        let observed = "sha256:" + String(repeating: "ab", count: 20) + String(repeating: "c", count: 24)
        let now = "sha256:" + String(repeating: "ab", count: 20) + "d" + String(repeating: "c", count: 23)
        let report = ApplyReport(
            planPath: "plan.json",
            entries: [
                ApplyReport.Entry(
                    changeID: ChangeID(scope: .github, resource: "label", action: "update", name: "bug"),
                    outcome: .stale(observed: observed, now: now, detail: "color changed"))
            ],
            receiptsHead: nil)
        let text = ApplyRenderer.text(report, colour: .plain)
        #expect(
            text.contains(
                "stale github.label.update.bug: Saved plan is stale: github.label.update.bug changed remotely since plan (observed sha256:…ababcccccccc… → now sha256:…ababdccccccc…: color changed); re-run plan"
            ), "\(text)")
    }
}
