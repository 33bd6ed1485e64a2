import Foundation
import Glibc
import Testing
import FoundationNetworking

/// `opsctl sandbox serve` as a script or `make demo` runs it: read the base URL from the first
/// line, talk HTTP to it, stop it with a signal, and find nothing left listening.
final class SandboxServeTests: Sendable {
    /// Generous, for a loaded two-core machine; a healthy run takes well under a second.
    static let deadline: TimeInterval = 30

    let binary: OpsctlBinary
    let workspace: Workspace

    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
    }

    deinit {
        workspace.remove()
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func servesUntilSignalledThenExitsZeroAndStopsListening(_ stopSignal: Int32) async throws {
        let server = try ServeProcess(binary: binary, arguments: ["sandbox", "serve", "--port", "0"], directory: workspace.url)
        defer { server.terminateIfRunning() }

        let firstLine = try #require(server.readFirstLine(), "no first line; stderr: \(server.standardError())")
        let match = try #require(firstLine.wholeMatch(of: /http:\/\/127\.0\.0\.1:(\d+)/), "first line: \(firstLine)")
        let port = try #require(UInt16(match.1))

        var request = URLRequest(url: try #require(URL(string: "\(firstLine)/github/repos/acme/app/labels")))
        // URLSession's resource timeout is 7 days by default: every request needs its own.
        request.timeoutInterval = Self.deadline
        request.setValue("Bearer e2e-token", forHTTPHeaderField: "Authorization")
        request.setValue("opsctl-e2e", forHTTPHeaderField: "User-Agent")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForResource = Self.deadline
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (body, response) = try await session.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(try JSONSerialization.jsonObject(with: body) is [Any])

        #expect(server.send(stopSignal))
        let exit = try #require(server.waitForExit(timeout: Self.deadline), "still running after the signal")
        #expect(exit.reason == .exit)
        #expect(exit.status == 0, "stderr: \(server.standardError())")
        #expect(!Self.acceptsConnections(port: port))
    }

    @Test func portInUseExitsOne() throws {
        let first = try ServeProcess(binary: binary, arguments: ["sandbox", "serve", "--port", "0"], directory: workspace.url)
        defer { first.terminateIfRunning() }
        let url = try #require(first.readFirstLine())
        let port = try #require(url.split(separator: ":").last.map(String.init))

        let second = try binary.run(["sandbox", "serve", "--port", port], in: workspace.url)
        #expect(second.status == 1)
        #expect(second.standardOutput.isEmpty)
        #expect(second.standardError.contains("the port is already in use"))
        #expect(first.send(SIGTERM))
        #expect(first.waitForExit(timeout: Self.deadline)?.status == 0)
    }

    /// Whether anything accepts a TCP connection on 127.0.0.1:`port`.
    static func acceptsConnections(port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }
}

/// A long-running opsctl child: standard output on a pipe (to read the first line as it is
/// printed), standard error to a file (so it can never block on a full pipe).
final class ServeProcess: Sendable {
    private let process: Process
    private let output: Pipe
    private let errorFile: URL

    init(binary: OpsctlBinary, arguments: [String], directory: URL, environment: [String: String] = [:]) throws {
        let process = Process()
        let output = Pipe()
        errorFile = directory.appendingPathComponent(".serve-stderr-\(UUID().uuidString)")
        try Data().write(to: errorFile)
        process.executableURL = binary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { given, _ in given }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        self.process = process
        self.output = output
    }

    /// The first line on standard output, without its newline; nil if the process ended first.
    /// A watchdog kills the child if it stays silent, which ends the read with end of file.
    func readFirstLine(timeout: TimeInterval = SandboxServeTests.deadline) -> String? {
        let watchdog = DispatchWorkItem { [process] in
            if process.isRunning { process.terminate() }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        var bytes: [UInt8] = []
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            bytes += chunk
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: bytes[..<newline], as: UTF8.self)
            }
        }
    }

    func send(_ signal: Int32) -> Bool {
        kill(process.processIdentifier, signal) == 0
    }

    /// The exit status and reason, or nil when the process is still running after `timeout`.
    func waitForExit(timeout: TimeInterval) -> (status: Int32, reason: Process.TerminationReason)? {
        let end = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < end else { return nil }
            usleep(20_000)
        }
        return (process.terminationStatus, process.terminationReason)
    }

    func standardError() -> String {
        (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    }

    /// Cleanup for a failed test: no child may outlive it.
    func terminateIfRunning() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
