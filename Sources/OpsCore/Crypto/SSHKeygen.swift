import Foundation

/// OpenSSH's `ssh-keygen`, run as a separate program: it makes every approval signature (the
/// private key, its passphrase and the agent stay its business), and it checks the signatures
/// opsctl does not check itself (security keys, certificates). Messages go in on standard
/// input; nothing secret is passed on the command line.
package struct SSHKeygen: Sendable {
    package var executable: String
    /// The program's environment (`SSH_AUTH_SOCK` names the agent); nil: opsctl's own.
    package var environment: [String: String]?

    package init(executable: String, environment: [String: String]? = nil) {
        self.executable = executable
        self.environment = environment
    }

    /// `ssh-keygen` on `PATH` (or `OPSCTL_SSH_KEYGEN`), or nil when it is not installed.
    package static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> SSHKeygen? {
        if let named = environment["OPSCTL_SSH_KEYGEN"] {
            return FileManager.default.isExecutableFile(atPath: named) ? SSHKeygen(executable: named) : nil
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/ssh-keygen"
            if FileManager.default.isExecutableFile(atPath: candidate) { return SSHKeygen(executable: candidate) }
        }
        return nil
    }

    package struct Run: Sendable {
        package var status: Int32
        package var standardOutput: String
        package var standardError: String

        /// The last line ssh-keygen wrote to standard error, as one sentence for a message.
        package var complaint: String {
            let lines = standardError.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            return lines.last { !$0.isEmpty && $0 != "Signing data on standard input" } ?? "exit status \(status)"
        }
    }

    /// Signs `message` in `namespace` with the key at `keyPath`; with `useAgent`, `keyPath` is
    /// the public key whose private half the agent holds. Returns the armoured signature.
    package func sign(_ message: [UInt8], namespace: String, keyPath: String, useAgent: Bool) throws(SSHSignatureError) -> String {
        var arguments = ["-q", "-Y", "sign", "-n", namespace, "-f", keyPath]
        if useAgent { arguments.append("-U") }
        let run = try self.run(arguments, input: message)
        guard run.status == 0, run.standardOutput.contains(SSHSignature.beginLine) else {
            throw SSHSignatureError(.sshKeygenFailed("signing failed: \(run.complaint)"))
        }
        return run.standardOutput
    }

    /// `ssh-keygen -Y verify` against an allowed_signers file, as of `time`: true only for exit
    /// status 0 with output starting `Good` (git's rule).
    package func verify(
        armoured: String, message: [UInt8], namespace: String, principal: String, allowedSignersPath: String, time: Date
    ) throws(SSHSignatureError) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-sshsig-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SSHSignatureError(.sshKeygenFailed("cannot create a temporary directory: \(error.localizedDescription)"))
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let signaturePath = directory.appendingPathComponent("approval.sig").path
        guard FileManager.default.createFile(atPath: signaturePath, contents: Data(armoured.utf8)) else {
            throw SSHSignatureError(.sshKeygenFailed("cannot write the signature to a temporary file"))
        }
        let run = try self.run(
            ["-Y", "verify", "-f", allowedSignersPath, "-I", principal, "-n", namespace, "-s", signaturePath,
             "-O", "verify-time=\(SSHTime.utcText(time))"],
            input: message
        )
        guard run.status == 0, run.standardOutput.hasPrefix("Good") else {
            throw SSHSignatureError(.sshKeygenRefused(run.complaint))
        }
    }

    private func run(_ arguments: [String], input: [UInt8]) throws(SSHSignatureError) -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw SSHSignatureError(.sshKeygenFailed("\(executable): \(error.localizedDescription)"))
        }
        // Both outputs are read on their own threads so that neither pipe can fill and stall the program.
        let output = PipeDrain(stdout.fileHandleForReading)
        let errors = PipeDrain(stderr.fileHandleForReading)
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, standardOutput: output.text(), standardError: errors.text())
    }
}

/// Reads a pipe to its end on a background thread.
private final class PipeDrain: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            finished.signal()
        }
    }

    func text() -> String {
        finished.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
