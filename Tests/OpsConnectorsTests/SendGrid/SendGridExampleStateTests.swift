import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The example sandbox state holds what the example desired-state.yaml declares for SendGrid,
/// with one sender still waiting for verification.
@Suite("SendGrid connector: the example state")
struct SendGridExampleStateTests {
    @Test func theExampleStateHasAValidDomainAndOneUnverifiedSender() async throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-sendgrid-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("state.json")
        try FileManager.default.copyItem(at: root.appendingPathComponent("examples/sandbox-state.json"), to: copy)
        let bed = try SendGridTestbed(stateFile: copy.path)

        let plan = await bed.plan(.autorisen)
        #expect(plan.checks.map(\.status) == [.pass, .pass, .fail], "\(plan.checks.map(\.message))")
        #expect(plan.checks.last?.id == "sendgrid.sender.support-autorisen.com")
        #expect(plan.coverage.map(\.percent) == [100, 100])
    }
}
