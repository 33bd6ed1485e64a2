import Foundation
import OpsCore

/// `secrets: { source: ssm, ssmPath: /autorisen/prod/ }`: the parameters under one path of
/// AWS SSM Parameter Store, decrypted, named relative to the path (`DATABASE_URL` for
/// `/autorisen/prod/DATABASE_URL`). Values are registered with the redactor by `SSMClient`
/// as each answer arrives, before anything else looks at them.
package struct SSMSecretSource: SecretSource {
    /// The path as written, for messages.
    package let path: String
    let client: SSMClient

    package init(path: String, client: SSMClient) {
        self.path = path
        self.client = client
    }

    package var label: String { "AWS SSM \(path)" }

    /// The source for `path`, or the diagnostic the other connectors give for missing
    /// credentials, naming the variables. (`Diagnostic` itself is not an `Error`, so it travels
    /// in `SecretSourceError`.)
    package static func make(context: ConnectorContext, path: String) async -> Result<any SecretSource, SecretSourceError> {
        guard path.hasPrefix("/") else {
            return .failure(SecretSourceError(Diagnostic(
                severity: .error, message: "ssmPath '\(path)' is not an SSM parameter path",
                hint: "write it from the root, like /autorisen/prod/")))
        }
        switch SSMClient.make(context: context) {
        case .failure(let missing):
            return .failure(SecretSourceError(Diagnostic(
                severity: .error, message: "AWS SSM \(path) cannot be read: \(missing.message)",
                hint: missing.suggestedAction + " (in GitHub Actions, AWS_ROLE_ARN with `permissions: id-token: write` works instead of keys)")))
        case .success(let client):
            return .success(SSMSecretSource(path: path, client: client))
        }
    }

    /// `/autorisen/prod/` and `/autorisen/prod` both mean the parameters below `/autorisen/prod/`.
    var requestPath: String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }

    var prefix: String { requestPath == "/" ? "/" : requestPath + "/" }

    package func readAll(wanted: [String]) async throws(SecretSourceError) -> [SourceSecret] {
        do {
            let prefix = prefix
            return try await client.parametersByPath(requestPath).compactMap { parameter in
                guard parameter.name.hasPrefix(prefix) else { return nil }
                return SourceSecret(name: String(parameter.name.dropFirst(prefix.count)), value: parameter.value, lastModified: parameter.lastModified)
            }.sorted { $0.name < $1.name }
        } catch {
            throw SecretSourceError(error.diagnostic)
        }
    }

    package func read(names: [String]) async throws(SecretSourceError) -> [SourceSecret] {
        guard !names.isEmpty else { return [] }
        do {
            let prefix = prefix
            let batch = try await client.parameters(named: names.map { prefix + $0 })
            return batch.parameters.compactMap { parameter in
                guard parameter.name.hasPrefix(prefix) else { return nil }
                return SourceSecret(name: String(parameter.name.dropFirst(prefix.count)), value: parameter.value, lastModified: parameter.lastModified)
            }.sorted { $0.name < $1.name }
        } catch {
            throw SecretSourceError(error.diagnostic)
        }
    }
}
