import Foundation
import OpsConnectors
import OpsCore

/// What commands derive from the environment: who is acting, the receipts log and its key,
/// and the connectors. Only the CLI reads variables; the core receives these values.
struct RuntimeEnvironment: Sendable {
    let environment: Environment
    let globals: GlobalOptions

    /// Who is acting (docs/architecture.md, "Approvals"): `OPSCTL_ACTOR`, else `GITHUB_ACTOR`
    /// as `github:NAME`, else `git config user.email`, else the login name.
    var actor: String {
        if let actor = nonEmpty("OPSCTL_ACTOR") { return actor }
        if let login = nonEmpty("GITHUB_ACTOR") { return "github:\(login)" }
        if let email = GitConfig.userEmail(), !email.isEmpty { return email }
        return nonEmpty("USER") ?? nonEmpty("LOGNAME") ?? getlogin().map { String(cString: $0) } ?? "unknown"
    }

    /// `OPSCTL_RECEIPTS_KEY` as bytes; when set, receipts carry and require a MAC.
    var receiptsKey: [UInt8]? {
        guard let key = nonEmpty("OPSCTL_RECEIPTS_KEY") else { return nil }
        redactor.register(secret: key)
        return Array(key.utf8)
    }

    var receiptLog: ReceiptLog { ReceiptLog(path: globals.receiptsPath, key: receiptsKey) }

    var redactor: Redactor { Redactor() }

    var isGitHubActions: Bool { environment["GITHUB_ACTIONS"] == "true" }

    var connectorContext: ConnectorContext {
        var context = ConnectorContext(environment: environment.variables, redactor: redactor)
        context.fingerprints = secretFingerprinting
        return context
    }

    var registry: ConnectorRegistry { ConnectorCatalog.standard }

    /// Reads `valueFrom` references: at plan time only to fingerprint them, at apply time to
    /// send them. Values are registered with the redactor before anything could print them.
    var secretResolver: SecretResolver {
        let variables = environment.variables
        let redactor = redactor
        let announce = SecretMasking.announcer(for: environment)
        return SecretResolver { reference in
            if reference.hasPrefix("env:") {
                let name = String(reference.dropFirst(4))
                guard let value = variables[name], !value.isEmpty else {
                    return .failure(SecretResolutionError(reference: reference, reason: "the variable \(name) is not set", hint: "export \(name) before running apply"))
                }
                redactor.register(secret: value)
                announce(value)
                return .success(value)
            }
            if reference.hasPrefix("ssm:") {
                return .failure(SecretResolutionError(
                    reference: reference,
                    reason: "reading from AWS SSM needs the SSM connector, which this version does not have yet",
                    hint: "use env:NAME for now"
                ))
            }
            return .failure(SecretResolutionError(reference: reference, reason: "it is neither env:NAME nor ssm:/path"))
        }
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}

enum GitConfig {
    /// `git config user.email`, or nil when git is missing or has none.
    static func userEmail() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "config", "user.email"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
