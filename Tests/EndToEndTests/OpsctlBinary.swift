import Foundation

/// Runs the built `opsctl` executable as a child process and collects what it printed.
///
/// The binary is found beside the test bundle: SwiftPM puts test bundles and executables in the
/// same build directory, and the EndToEndTests target depends on `opsctl`, so it is built first.
/// `OPSCTL_E2E_BINARY` overrides the path (to test a release build, for example).
struct OpsctlBinary: Sendable {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var standardOutputBytes: [UInt8]
        var standardErrorBytes: [UInt8]
    }

    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "the opsctl executable was not found; looked in \(searched.joined(separator: ", "))" }
    }

    let url: URL

    static func locate() throws -> OpsctlBinary {
        if let override = ProcessInfo.processInfo.environment["OPSCTL_E2E_BINARY"] {
            return OpsctlBinary(url: URL(fileURLWithPath: override))
        }
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
        }
        // On macOS the tests run inside an `.xctest` bundle that sits in the build directory.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("opsctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return OpsctlBinary(url: candidate)
            }
        }
        throw NotFound(searched: directories.map(\.path))
    }

    /// Runs opsctl in `directory` with exactly `environment` (nothing inherited, so the caller's
    /// NO_COLOR or TERM cannot change the result). Output goes to files rather than pipes, so a
    /// chatty child can never block on a full pipe; neither stream is a terminal.
    func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Output {
        let capture = directory.appendingPathComponent(".opsctl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outputURL = capture.appendingPathComponent("stdout")
        let errorURL = capture.appendingPathComponent("stderr")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }

        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { given, _ in given }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()

        let outputBytes = Array(try Data(contentsOf: outputURL))
        let errorBytes = Array(try Data(contentsOf: errorURL))
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputBytes, as: UTF8.self),
            standardError: String(decoding: errorBytes, as: UTF8.self),
            standardOutputBytes: outputBytes,
            standardErrorBytes: errorBytes
        )
    }
}

/// A fresh working directory for one test, removed afterwards. End-to-end tests write every
/// input file they use here and never read anything else.
struct Workspace: Sendable {
    let url: URL

    static func make() throws -> Workspace {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return Workspace(url: url)
    }

    func write(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: url.appendingPathComponent(name))
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
