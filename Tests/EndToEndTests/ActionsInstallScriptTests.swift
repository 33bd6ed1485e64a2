import Foundation
import OpsCore
import OpsSandbox
import Synchronization
import Testing

/// The composite action's scripts, run as the runner runs them: `install.sh` against a
/// loopback HTTP server serving a tarball made by `make dist`'s packaging script (from the
/// binary under test) and its checksum; `run.sh` keeping opsctl's exit status.
final class ActionsInstallScriptTests: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Serves fixed files under `/releases/NAME` and records every path asked for.
    struct ReleaseFiles: ServiceEmulator {
        let scope = "releases"
        let files: [String: [UInt8]]
        let requested = RequestLog()

        func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
            let name = String(request.path.drop { $0 == "/" })
            requested.append(name)
            guard let bytes = files[name] else { return HTTPResponse(status: 404, body: Array("not found\n".utf8)) }
            var headers = HTTPHeaders()
            headers.set("Content-Type", "application/octet-stream")
            return HTTPResponse(status: 200, headers: headers, body: bytes)
        }
    }

    final class RequestLog: Sendable {
        private let paths = Mutex<[String]>([])
        func append(_ path: String) { paths.withLock { $0.append(path) } }
        var all: [String] { paths.withLock { $0 } }
    }

    struct ScriptRun {
        var status: Int32
        var output: String
    }

    let binary: OpsctlBinary
    let workspace: Workspace
    let tarballName: String
    let release: ReleaseFiles
    let server: SandboxServer
    let baseURL: String

    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
        let dist = workspace.url.appendingPathComponent("dist")
        let packaged = try Self.script("scripts/dist/package.sh", [binary.url.path, dist.path], environment: [:], in: workspace.url)
        #expect(packaged.status == 0, "package.sh: \(packaged.output)")
        let tarball = try #require(try FileManager.default.contentsOfDirectory(atPath: dist.path).first { $0.hasSuffix(".tar.gz") })
        tarballName = tarball
        let bytes = Array(try Data(contentsOf: dist.appendingPathComponent(tarball)))
        let checksum = Array(try Data(contentsOf: dist.appendingPathComponent(tarball + ".sha256")))
        var tampered = bytes
        tampered[tampered.count / 2] ^= 0x01
        release = ReleaseFiles(files: [
            tarball: bytes, tarball + ".sha256": checksum,
            "tampered.tar.gz": tampered, "tampered.tar.gz.sha256": checksum,
        ])
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0), emulators: [release])
        baseURL = try server.start()
    }

    deinit {
        server.stop()
        workspace.remove()
    }

    /// Runs a script of the repository with exactly `environment` plus a plain PATH, output
    /// and errors together in a file (no pipe to fill up).
    static func script(_ path: String, _ arguments: [String] = [], environment: [String: String], in directory: URL) throws -> ScriptRun {
        let log = directory.appendingPathComponent("script-\(UUID().uuidString).log")
        try Data().write(to: log)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent(path).path] + arguments
        process.currentDirectoryURL = directory
        process.environment = environment.merging(["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": directory.path]) { given, _ in given }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return ScriptRun(status: process.terminationStatus, output: String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }

    func install(_ name: String, cache: String) throws -> (run: ScriptRun, path: String, outputs: String) {
        let githubPath = workspace.url.appendingPathComponent("github-path-\(UUID().uuidString)")
        let githubOutput = workspace.url.appendingPathComponent("github-output-\(UUID().uuidString)")
        try Data().write(to: githubPath)
        try Data().write(to: githubOutput)
        let run = try Self.script("scripts/github-action/install.sh", environment: [
            "OPSCTL_DOWNLOAD_URL": "\(baseURL)/releases/\(name)",
            "RUNNER_TOOL_CACHE": workspace.url.appendingPathComponent(cache).path,
            "GITHUB_PATH": githubPath.path,
            "GITHUB_OUTPUT": githubOutput.path,
        ], in: workspace.url)
        return (run, String(decoding: try Data(contentsOf: githubPath), as: UTF8.self), String(decoding: try Data(contentsOf: githubOutput), as: UTF8.self))
    }

    @Test func aGoodTarballIsInstalledVerifiedAndThenReusedFromTheToolCache() throws {
        let first = try install(tarballName, cache: "cache")
        #expect(first.run.status == 0, "install.sh: \(first.run.output)")
        let directory = first.path.trimmingCharacters(in: .newlines)
        #expect(directory.hasPrefix(workspace.url.appendingPathComponent("cache/opsctl/").path))
        let installed = URL(fileURLWithPath: directory)
        #expect(FileManager.default.isExecutableFile(atPath: installed.appendingPathComponent("opsctl").path))
        for file in ["README.md", "opsctl.1", "BUILD-INFO", "completions/opsctl.bash", "completions/_opsctl", "completions/opsctl.fish"] {
            #expect(FileManager.default.fileExists(atPath: installed.appendingPathComponent(file).path), "the tarball lacks \(file)")
        }
        let buildInfo = String(decoding: try Data(contentsOf: installed.appendingPathComponent("BUILD-INFO")), as: UTF8.self)
        #expect(buildInfo.contains("glibc: 2."))
        #expect(first.outputs.contains("path=\(directory)\n"))
        let version = try OpsctlBinary(url: installed.appendingPathComponent("opsctl")).run(["version"], in: workspace.url)
        #expect(version.standardOutput == "opsctl \(OpsctlVersion.current)\n")

        let downloadsBefore = release.requested.all.filter { $0 == tarballName }.count
        let second = try install(tarballName, cache: "cache")
        #expect(second.run.status == 0, "install.sh: \(second.run.output)")
        #expect(second.run.output.contains("found in the tool cache"))
        #expect(release.requested.all.filter { $0 == tarballName }.count == downloadsBefore, "a cached version is not downloaded again")
        #expect(second.path == first.path)
    }

    @Test func aTamperedTarballIsRefusedAndNothingIsInstalled() throws {
        let attempt = try install("tampered.tar.gz", cache: "tampered-cache")
        #expect(attempt.run.status == 1)
        #expect(attempt.run.output.contains("::error title=opsctl install::checksum mismatch for \(baseURL)/releases/tampered.tar.gz"))
        #expect(attempt.path.isEmpty)
        let cache = workspace.url.appendingPathComponent("tampered-cache/opsctl").path
        let leftovers = (FileManager.default.enumerator(atPath: cache)?.allObjects as? [String]) ?? []
        #expect(leftovers.isEmpty, "nothing may be left in the tool cache: \(leftovers)")
    }

    @Test func aMissingChecksumIsRefused() throws {
        let attempt = try install("absent.tar.gz", cache: "absent-cache")
        #expect(attempt.run.status == 1)
        #expect(attempt.run.output.contains("could not download the checksum"))
    }

    /// run.sh passes opsctl's status through (2 stays 2), sets `exitcode`, and splits the
    /// arguments like a shell without running anything in them.
    @Test func runKeepsTheRealExitCodeAndNeverEvaluatesTheArguments() throws {
        try workspace.write(".opsctl-receipts-broken.jsonl", "{not a receipt}\n")
        let output = workspace.url.appendingPathComponent("run-output")
        try Data().write(to: output)
        let environment = [
            "OPSCTL_BINARY": binary.url.path,
            "GITHUB_OUTPUT": output.path,
        ]
        let broken = try Self.script("scripts/github-action/run.sh", environment: environment.merging([
            "OPSCTL_COMMAND": "receipts verify", "OPSCTL_ARGS": "--receipts '.opsctl-receipts-broken.jsonl'",
        ]) { _, new in new }, in: workspace.url)
        #expect(broken.status == 2, "run.sh: \(broken.output)")
        #expect(String(decoding: try Data(contentsOf: output), as: UTF8.self).hasSuffix("exitcode=2\n"))

        let hostile = try Self.script("scripts/github-action/run.sh", environment: environment.merging([
            "OPSCTL_COMMAND": "help", "OPSCTL_ARGS": #""$(touch pwned)" `touch pwned2`"#,
        ]) { _, new in new }, in: workspace.url)
        #expect(hostile.status == 64)
        #expect(!FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("pwned").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("pwned2").path))
        #expect(String(decoding: try Data(contentsOf: output), as: UTF8.self).hasSuffix("exitcode=64\n"))

        let fine = try Self.script("scripts/github-action/run.sh", environment: environment.merging(["OPSCTL_COMMAND": "version"]) { _, new in new }, in: workspace.url)
        #expect(fine.status == 0)
        #expect(fine.output == "opsctl \(OpsctlVersion.current)\n")
    }
}
