import Foundation

/// The executables this test target depends on (`opsctl`, `opsctl-test-appender`), found in
/// the build directory beside the test bundle, and a way to run one to completion.
enum BuiltTools {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func url(_ name: String) throws -> URL {
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
    }

    /// Runs `name` in `directory` with exactly `environment` (plus a PATH); output goes to
    /// files, so a chatty child never blocks on a full pipe.
    static func run(_ name: String, _ arguments: [String], in directory: String, environment: [String: String]) throws -> Output {
        let capture = directory + "/.capture-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: capture) }
        _ = FileManager.default.createFile(atPath: capture + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: capture + "/err", contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + "/out"))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + "/err"))
        defer {
            try? output.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = try url(name)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { given, _ in given }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOfFile: capture + "/out", encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: capture + "/err", encoding: .utf8)) ?? "")
    }
}

/// A process holding the apply lock (`opsctl-test-appender --hold-lock`) until it is killed.
final class LockHoldingProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()

    init(log: String, actor: String) throws {
        process.executableURL = try BuiltTools.url("opsctl-test-appender")
        process.arguments = ["--hold-lock", log, actor]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // It prints "locked" once it holds the lock (or exits if it could not take it).
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).hasPrefix("locked") else {
            process.waitUntilExit()
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the lock holder could not take the lock"])
        }
    }

    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { killHard() }
    }
}
