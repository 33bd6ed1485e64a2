import Foundation
import OpsConnectors
import OpsCore
import Synchronization

/// What a command derives from the environment, resolved once when the command starts: who
/// is acting, the receipts log and its key, the redactor every secret is registered with,
/// and what connectors need. Properties are plain values: reading one never forks `git` or
/// registers a secret. Only the CLI reads variables; the core receives these values.
struct Runtime: Sendable {
    let actor: String
    let redactor: Redactor
    /// The receipts log: the JSONL file, or PostgreSQL (`ReceiptStoreChoice`).
    let receiptLog: any ReceiptStore
    /// `OPSCTL_RECEIPTS_KEY` as bytes: MACs are written and required with it.
    let receiptsKey: [UInt8]?
    let isGitHubActions: Bool
    let connectorContext: ConnectorContext
    /// Reads `valueFrom` references at apply time; values are registered with the redactor
    /// (and masked in GitHub Actions) before anything could print them.
    let secretResolver: SecretResolver
    let registry: ConnectorRegistry

    init(context: CommandContext, registry: ConnectorRegistry = ConnectorCatalog.standard) {
        let environment = context.environment
        let redactor = context.redactor
        func nonEmpty(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }

        actor = Self.actor(nonEmpty)
        self.redactor = redactor
        self.registry = registry
        isGitHubActions = environment["GITHUB_ACTIONS"] == "true"

        let receiptsKey = nonEmpty("OPSCTL_RECEIPTS_KEY")
        if let receiptsKey { redactor.register(secret: receiptsKey) }
        let choice = ReceiptStoreChoice(globals: context.globals, environment: nonEmpty)
        self.receiptsKey = receiptsKey.map { Array($0.utf8) }
        let log = choice.store(key: self.receiptsKey, redactor: redactor)
        receiptLog = log

        let masking = SecretMasking(isGitHubActions: isGitHubActions, output: context.standardError, minimumLength: redactor.registry.minimumLength)
        // Whatever becomes a secret later (a value the secrets scope reads from its source, a
        // config var a connector reads) is masked the moment it is registered, not only the
        // values read through valueFrom.
        if isGitHubActions { redactor.registry.observeRegistrations { masking.announce($0) } }
        // `ssm:` references read through the SSM client, made from the same variables the
        // connectors see (and only when a reference asks for it).
        let ssm = SSMReferenceResolver(context: ConnectorContext(environment: environment.variables, redactor: redactor))
        let resolver = Self.secretResolver(variables: environment.variables, redactor: redactor, masking: masking, ssm: ssm)
        secretResolver = resolver

        let fingerprintKey = nonEmpty("OPSCTL_FINGERPRINT_KEY")
        if let fingerprintKey { redactor.register(secret: fingerprintKey) }
        var connectorContext = ConnectorContext(environment: environment.variables, redactor: redactor)
        connectorContext.fingerprints = SecretFingerprinting(
            key: FingerprintKeySource(environmentValue: fingerprintKey, path: Self.fingerprintKeyPath(besides: choice.localDirectoryAnchor)),
            resolver: resolver,
            // Read only if asked and only if the log verifies: a forged receipt must not vouch for a value.
            previous: PreviousFingerprints {
                guard let report = try? log.verify(expectHead: nil), report.failure == nil else { return [] }
                return (try? log.list(kind: nil, changeID: nil)) ?? []
            }
        )
        if context.globals.verbosity == .verbose {
            let errors = context.standardError
            connectorContext.requestLog = { line in errors.write(line + "\n") }
        }
        self.connectorContext = connectorContext
    }

    /// `OPSCTL_ACTOR`, else `GITHUB_ACTOR` as `github:NAME`, else `git config user.email`,
    /// else the login name.
    private static func actor(_ nonEmpty: (String) -> String?) -> String {
        if let actor = nonEmpty("OPSCTL_ACTOR") { return actor }
        if let login = nonEmpty("GITHUB_ACTOR") { return "github:\(login)" }
        if let email = GitConfig.userEmail(), !email.isEmpty { return email }
        return nonEmpty("USER") ?? nonEmpty("LOGNAME") ?? getlogin().map { String(cString: $0) } ?? "unknown"
    }

    /// Beside the receipts log, so one repository's `.opsctl/` holds both.
    static func fingerprintKeyPath(besides receipts: String) -> String {
        let directory = receipts.lastIndex(of: "/").map { String(receipts[..<$0]) } ?? "."
        return (directory.isEmpty ? "" : directory) + "/" + FingerprintKey.fileName
    }

    private static func secretResolver(variables: [String: String], redactor: Redactor, masking: SecretMasking, ssm: SSMReferenceResolver) -> SecretResolver {
        SecretResolver { reference in
            if reference.hasPrefix("env:") {
                let name = String(reference.dropFirst(4))
                guard let value = variables[name], !value.isEmpty else {
                    return .failure(SecretResolutionError(reference: reference, reason: "the variable \(name) is not set", hint: "export \(name) before running apply"))
                }
                redactor.register(secret: value)
                masking.announce(value)
                return .success(value)
            }
            if reference.hasPrefix(SSMReferenceResolver.scheme) {
                // The client registers the value with the redactor as the answer arrives.
                let result = await ssm.value(for: reference)
                if case .success(let value) = result {
                    redactor.register(secret: value)
                    masking.announce(value)
                }
                return result
            }
            return .failure(SecretResolutionError(reference: reference, reason: "it is neither env:NAME nor ssm:/path"))
        }
    }
}

extension CommandContext {
    /// Resolves the runtime for this command; call once and pass the value on.
    func resolveRuntime() -> Runtime { Runtime(context: self) }
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
