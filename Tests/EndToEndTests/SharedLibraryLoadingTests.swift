import Foundation
import Testing

/// libcurl, libpq and libcrypto are opened when a command first needs them, not by the dynamic
/// loader at start (docs/performance.md, "Start-up"). Run with a library path whose libcurl.so.4
/// and libpq.so.5 (or libcrypto.so.3) are empty files: commands that need none of them must not
/// notice, and one that does must say which library failed and which package provides it.
final class SharedLibraryLoadingTests: Sendable {
    static let token = "ghp_canaryTokenForLibraryLoading0001"

    let binary: OpsctlBinary
    let workspace: Workspace
    let brokenLibraries: String

    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
        brokenLibraries = workspace.url.appendingPathComponent("broken-libraries").path
        try FileManager.default.createDirectory(atPath: brokenLibraries, withIntermediateDirectories: true)
        try workspace.write("broken-libraries/libcurl.so.4", "")
        try workspace.write("broken-libraries/libpq.so.5", "")
        try FileManager.default.createDirectory(
            atPath: workspace.url.appendingPathComponent("broken-libcrypto").path, withIntermediateDirectories: true)
        try workspace.write("broken-libcrypto/libcrypto.so.3", "")
        try workspace.write("desired-state.yaml", "version: 1\ngithub:\n  labels:\n    - {name: bug, color: d73a4a}\n")
        try workspace.write("change-policy.yaml", "version: 1\n")
    }

    deinit {
        workspace.remove()
    }

    @Test func commandsThatTalkToNoServiceRunWithoutTheLibraries() throws {
        let environment = ["LD_LIBRARY_PATH": brokenLibraries]
        let version = try binary.run(["version"], in: workspace.url, environment: environment)
        #expect(version.status == 0)
        #expect(version.standardError.isEmpty)
        let validate = try binary.run(["validate"], in: workspace.url, environment: environment)
        #expect(validate.status == 0, "\(validate.standardError)")
    }

    @Test func aPlanThatCannotLoadLibcurlNamesTheLibraryAndItsPackage() throws {
        let output = try binary.run(
            ["plan", "--scope", "github"], in: workspace.url,
            environment: [
                "LD_LIBRARY_PATH": brokenLibraries,
                // Never reached: the request fails before a connection is made.
                "OPSCTL_SANDBOX_URL": "http://127.0.0.1:9",
                "OPS_GITHUB_TOKEN": Self.token, "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": "widgets",
                "OPSCTL_ACTOR": "tester",
            ])
        #expect(output.status == 1)
        let printed = output.standardOutput + output.standardError
        #expect(printed.contains("GitHub GET /repos/acme/widgets/labels failed: cannot load libcurl.so.4: "), "\(printed)")
        #expect(printed.contains("fix: install the Debian package libcurl4 (apt-get install libcurl4)"), "\(printed)")
        #expect(!printed.contains(Self.token))
        // An incomplete plan is never written.
        #expect(!FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("plan.json").path))
    }

    @Test func withoutLibcryptoOnlyCommandsThatHashStopAndSayWhy() throws {
        let environment = ["LD_LIBRARY_PATH": workspace.url.appendingPathComponent("broken-libcrypto").path]
        let version = try binary.run(["version"], in: workspace.url, environment: environment)
        #expect(version.status == 0 && version.standardError.isEmpty, "\(version.standardError)")
        let validate = try binary.run(["validate"], in: workspace.url, environment: environment)
        #expect(validate.status == 0, "\(validate.standardError)")
        // A plan's digests cannot be taken: it stops before reading anything, in one sentence
        // with the package to install, and writes no plan.
        let plan = try binary.run(
            ["plan", "--scope", "github"], in: workspace.url,
            environment: environment.merging([
                "OPSCTL_SANDBOX_URL": "http://127.0.0.1:9",
                "OPS_GITHUB_TOKEN": Self.token, "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": "widgets",
                "OPSCTL_ACTOR": "tester",
            ]) { first, _ in first })
        #expect(plan.status == 1)
        #expect(plan.standardError.contains("cannot load libcrypto.so.3: "), "\(plan.standardError)")
        #expect(plan.standardError.contains("install the Debian package libssl3 (apt-get install libssl3)"), "\(plan.standardError)")
        #expect(!plan.standardError.contains("Fatal error"))
        #expect(!(plan.standardOutput + plan.standardError).contains(Self.token))
        #expect(!FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("plan.json").path))
    }
}
