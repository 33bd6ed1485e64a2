import Foundation
import OpsCore
import Synchronization

/// `valueFrom: ssm:/path/NAME`: one parameter read with `GetParameters` (decrypted), through
/// the same client the secrets scope uses. The client is made on first use, so a run that
/// never reads from SSM needs no AWS variables.
package final class SSMReferenceResolver: Sendable {
    package static let scheme = "ssm:"

    private let context: ConnectorContext
    private let client = Mutex<Result<SSMClient, MissingCredentials>?>(nil)

    package init(context: ConnectorContext) {
        self.context = context
    }

    package func value(for reference: String) async -> Result<String, SecretResolutionError> {
        let name = String(reference.dropFirst(Self.scheme.count))
        guard name.hasPrefix("/") || (!name.isEmpty && !name.contains("/")) else {
            return .failure(SecretResolutionError(reference: reference, reason: "'\(name)' is not an SSM parameter name", hint: "write ssm:/path/NAME"))
        }
        let made = client.withLock { cached in
            if let cached { return cached }
            let made = SSMClient.make(context: context)
            cached = made
            return made
        }
        let ssm: SSMClient
        switch made {
        case .failure(let missing):
            return .failure(SecretResolutionError(
                reference: reference, reason: "the AWS credentials are not usable: \(missing.message)",
                hint: missing.suggestedAction.replacingOccurrences(of: "re-run plan", with: "re-run")))
        case .success(let client):
            ssm = client
        }
        do {
            let batch = try await ssm.parameters(named: [name])
            guard let parameter = batch.parameters.first(where: { $0.name == name }) ?? batch.parameters.first else {
                return .failure(SecretResolutionError(
                    reference: reference, reason: "AWS SSM has no parameter \(name)",
                    hint: "check the name and AWS_REGION (parameters are per region), or create it with aws ssm put-parameter"))
            }
            return .success(parameter.value)
        } catch {
            return .failure(SecretResolutionError(reference: reference, reason: error.diagnostic.message, hint: error.diagnostic.hint))
        }
    }
}
