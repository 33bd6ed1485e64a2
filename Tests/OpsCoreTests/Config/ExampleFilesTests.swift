import Foundation
import Testing
@testable import OpsCore

/// The checked-in configuration files are documentation; they must stay valid.
@Suite struct ExampleFilesTests {
    static let desiredStateFiles = ["desired-state.yaml", "examples/github-only.yaml", "examples/supabase.yaml", "examples/secrets.yaml"]
    static let policyFiles = ["change-policy.yaml", "examples/team-policy.yaml", "examples/default-policy.yaml"]

    @Test(arguments: desiredStateFiles)
    func desiredStateFileLoadsClean(_ relativePath: String) {
        let result = ConfigLoader.loadDesiredState(path: ConfigFixture.path(relativePath))
        #expect(result.diagnostics.isEmpty, "\(relativePath):\n\(result.summary)")
        #expect(result.model != nil)
    }

    @Test(arguments: policyFiles)
    func policyFileLoadsClean(_ relativePath: String) {
        let result = ConfigLoader.loadChangePolicy(path: ConfigFixture.path(relativePath))
        #expect(result.diagnostics.isEmpty, "\(relativePath):\n\(result.summary)")
        #expect(result.model != nil)
    }

    @Test func rootDesiredStateCoversEveryScope() throws {
        let state = try #require(ConfigLoader.loadDesiredState(path: ConfigFixture.path("desired-state.yaml")).model)
        #expect(state.declaredScopes == ServiceScope.allCases)
    }

    @Test func everyYAMLExampleIsChecked() throws {
        let directory = ConfigFixture.path("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        let checked = Set((Self.desiredStateFiles + Self.policyFiles).map { ($0 as NSString).lastPathComponent })
        for name in names {
            #expect(checked.contains(name), "examples/\(name) is not loaded by ExampleFilesTests")
        }
    }
}
