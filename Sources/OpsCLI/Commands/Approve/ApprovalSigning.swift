import Foundation
import OpsCore

/// `approve --sign`: signs the approval's statement with `ssh-keygen -Y sign` in the namespace
/// `opsctl-approval@v1`, with a private key file or with a key the SSH agent holds, and returns
/// what the `approve` receipt records. The private key never passes through opsctl.
struct ApprovalSigning: Sendable {
    enum KeySource: Sendable, Hashable {
        /// A private key file (ssh-keygen asks for its passphrase on the terminal).
        case file(String)
        /// The agent, with the public key naming which of its keys; nil: the agent's only key.
        case agent(publicKey: String?)
    }

    var source: KeySource
    var principal: String

    /// A failure to sign, as one sentence and a hint.
    struct Failure: DiagnosticError {
        var message: String
        var hint: String
        var diagnostic: Diagnostic { Diagnostic(message: message, hint: hint) }
    }

    func sign(change: Change, planDigest: String, policy: ChangePolicy, now: Date) throws -> ApprovalSignature {
        guard let sshKeygen = SSHKeygen.find() else {
            throw Failure(message: "approve --sign needs ssh-keygen, which is not installed",
                          hint: "install OpenSSH's client (apt-get install openssh-client)")
        }
        let nonce = Hex.encode(try SecureRandom.bytes(count: 16))
        let expires = ApprovalStatement.expiry(signedAt: now, ttlSeconds: policy.approvalTTLSeconds)
        let statement = ApprovalStatement(
            approver: principal, changeDigest: PlanDigest.of(change), changeID: change.id.description, expires: expires, nonce: nonce,
            planDigest: planDigest
        )
        let armoured: String
        switch source {
        case .file(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw Failure(message: "the key file '\(path)' does not exist", hint: "name your private key, as in --sign ~/.ssh/id_ed25519, or use --sign agent")
            }
            armoured = try sshKeygen.sign(statement.canonicalBytes, namespace: ApprovalStatement.namespace, keyPath: path, useAgent: false)
        case .agent(let publicKey):
            let keyFile = try publicKey.map { path -> AgentKeyFile in
                guard FileManager.default.fileExists(atPath: path) else {
                    throw Failure(message: "the public key file '\(path)' does not exist", hint: "name the .pub file of a key the agent holds")
                }
                return AgentKeyFile(path: path, temporary: false)
            } ?? Self.agentOnlyKey(beside: sshKeygen)
            defer { keyFile.discard() }
            armoured = try sshKeygen.sign(statement.canonicalBytes, namespace: ApprovalStatement.namespace, keyPath: keyFile.path, useAgent: true)
        }
        let parsed = try SSHSignature.parse(armoured: armoured)
        return ApprovalSignature(
            principal: principal, nonce: nonce, expires: expires, fingerprint: try parsed.publicKey.fingerprint, keyType: parsed.publicKey.type,
            armoured: armoured
        )
    }

    struct AgentKeyFile {
        var path: String
        var temporary: Bool

        func discard() {
            if temporary { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        }
    }

    /// The agent's one key (`ssh-add -L`), written to a temporary .pub file for `ssh-keygen -U -f`.
    private static func agentOnlyKey(beside sshKeygen: SSHKeygen) throws -> AgentKeyFile {
        let sshAdd = (sshKeygen.executable as NSString).deletingLastPathComponent + "/ssh-add"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sshAdd)
        process.arguments = ["-L"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(message: "cannot ask the SSH agent for its keys: \(sshAdd) could not be run", hint: "install openssh-client, or name the key file with --sign PATH")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let keys = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).filter { !$0.isEmpty }
        guard process.terminationStatus == 0, !keys.isEmpty else {
            throw Failure(message: "the SSH agent holds no keys (or SSH_AUTH_SOCK names no agent)", hint: "add a key with ssh-add, or name the key file with --sign PATH")
        }
        guard keys.count == 1 else {
            throw Failure(message: "the SSH agent holds \(keys.count) keys, so which one signs is not clear",
                          hint: "name its public key with --sign-key ~/.ssh/id_ed25519.pub")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-agent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let path = directory.appendingPathComponent("agent-key.pub").path
        guard FileManager.default.createFile(atPath: path, contents: Data((String(keys[0]) + "\n").utf8)) else {
            throw Failure(message: "cannot write the agent's public key to a temporary file", hint: "name it with --sign-key")
        }
        return AgentKeyFile(path: path, temporary: true)
    }
}
