import Testing

@testable import OpsCore

/// `concurrentIndexBuilds` in change-policy.yaml: off unless the file turns it on.
@Suite("Concurrent index builds policy")
struct ConcurrentIndexBuildsPolicyTests {
    @Test func offByDefaultAndOnWhenAsked() throws {
        #expect(ConfigFixture.policy("version: 1\n").model?.concurrentIndexBuilds == false)
        let result = ConfigFixture.policy("version: 1\ndirectDatabaseApply: true\nconcurrentIndexBuilds: true\n")
        #expect(result.errors.isEmpty, "\(result.summary)")
        #expect(result.model?.concurrentIndexBuilds == true)
    }

    @Test func aNonBooleanIsReportedWhereItIs() {
        let result = ConfigFixture.policy("version: 1\nconcurrentIndexBuilds: sometimes\n")
        #expect(result.errors.count == 1, "\(result.summary)")
        #expect(result.errors.first?.lineColumn == "2:24", "\(result.summary)")
    }
}
