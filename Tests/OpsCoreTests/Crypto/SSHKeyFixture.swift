import Foundation
import OpsCore

/// Keys made by the real ssh-keygen in a temporary directory, and signatures made with them,
/// so that the native verifier is tested against OpenSSH's own output.
struct SSHKeyFixture {
    struct ToolFailure: Error, CustomStringConvertible {
        var description: String
    }

    let directory: URL
    let keygen: SSHKeygen

    init() throws {
        guard let keygen = SSHKeygen.find() else { throw ToolFailure(description: "ssh-keygen is not installed (make deps installs openssh-client)") }
        self.keygen = keygen
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-sshkeys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Generates a key without a passphrase; returns its private key's path.
    @discardableResult
    func generate(_ name: String, type: String, bits: Int? = nil, pem: Bool = false) throws -> String {
        let path = directory.appendingPathComponent(name).path
        var arguments = ["-q", "-t", type, "-N", "", "-C", name, "-f", path]
        if let bits { arguments += ["-b", String(bits)] }
        if pem { arguments += ["-m", "PEM"] }
        try run(keygen.executable, arguments)
        return path
    }

    func publicKeyLine(_ name: String) throws -> String {
        try String(contentsOfFile: directory.appendingPathComponent(name + ".pub").path, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `ssh-keygen -Y sign`, with `-O hashalg=` when given.
    func sign(_ message: [UInt8], with name: String, namespace: String = ApprovalStatement.namespace, hash: String? = nil) throws -> String {
        var arguments = ["-q", "-Y", "sign", "-n", namespace, "-f", directory.appendingPathComponent(name).path]
        if let hash { arguments += ["-O", "hashalg=\(hash)"] }
        return try run(keygen.executable, arguments, input: message)
    }

    /// The fingerprint `ssh-keygen -l -E sha256` prints for the key.
    func fingerprint(_ name: String) throws -> String {
        let output = try run(keygen.executable, ["-l", "-E", "sha256", "-f", directory.appendingPathComponent(name + ".pub").path])
        return String(output.split(separator: " ")[1])
    }

    /// Writes an allowed_signers file and returns it parsed.
    func allowedSigners(_ text: String) throws -> SSHAllowedSigners {
        let path = directory.appendingPathComponent("allowed_signers").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return SSHAllowedSigners.load(path: path, reference: nil).signers
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], input: [UInt8] = [], environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe()
        let stdout = directory.appendingPathComponent("tool-\(UUID().uuidString).out")
        let stderr = directory.appendingPathComponent("tool-\(UUID().uuidString).err")
        try Data().write(to: stdout)
        try Data().write(to: stderr)
        process.standardInput = stdin
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        let output = try String(contentsOf: stdout, encoding: .utf8)
        guard process.terminationStatus == 0 else {
            throw ToolFailure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \((try? String(contentsOf: stderr, encoding: .utf8)) ?? "")")
        }
        return output
    }
}

extension SSHSignature {
    /// The blob armoured again as ssh-keygen armours it, for tests that alter blobs.
    static func armour(_ blob: [UInt8]) -> String {
        let base64 = Data(blob).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(70)))
            rest = rest.dropFirst(70)
        }
        return ([beginLine] + lines + [endLine]).joined(separator: "\n") + "\n"
    }
}
