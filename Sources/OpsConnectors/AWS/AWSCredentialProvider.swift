import Foundation
import OpsCore

/// The credentials every AWS request is signed with. Static keys are returned as they are;
/// a web identity is exchanged at STS on first use, kept, and exchanged again shortly
/// before it expires. Concurrent first requests share one exchange.
package actor AWSCredentialProvider {
    private let source: AWSSettings.CredentialSource
    private let stsURL: URL
    private let redactor: Redactor
    private let observer: (@Sendable (HTTPLogEvent) -> Void)?
    private let now: @Sendable () -> Date
    private var current: AWSTemporaryCredentials?
    private var exchange: Task<AWSTemporaryCredentials, any Error>?

    package init(
        source: AWSSettings.CredentialSource, stsURL: URL, redactor: Redactor, observer: (@Sendable (HTTPLogEvent) -> Void)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.source = source
        self.stsURL = stsURL
        self.redactor = redactor
        self.observer = observer
        self.now = now
        if case .keys(let keys) = source {
            redactor.register(secret: keys.secretAccessKey)
            if let token = keys.sessionToken { redactor.register(secret: token) }
        }
    }

    package func credentials() async throws(AWSCredentialError) -> SigV4.Credentials {
        switch source {
        case .keys(let keys):
            return keys
        case .webIdentity(let identity):
            if let current, current.isFresh(at: now()) { return current.credentials }
            let task: Task<AWSTemporaryCredentials, any Error>
            if let exchange {
                task = exchange
            } else {
                let redactor = redactor
                let stsURL = stsURL
                let observer = observer
                task = Task {
                    let token: String
                    switch identity.token {
                    case .actionsOIDC(let requestURL, let requestToken):
                        token = try await ActionsOIDCToken(requestURL: requestURL, requestToken: requestToken, redactor: redactor, observer: observer).fetch()
                    case .file(let path):
                        token = try Self.readToken(at: path, redactor: redactor)
                    }
                    return try await STSClient(baseURL: stsURL, redactor: redactor, observer: observer)
                        .assumeRoleWithWebIdentity(roleARN: identity.roleARN, sessionName: identity.sessionName, webIdentityToken: token)
                }
                exchange = task
            }
            defer { exchange = nil }
            do {
                let fresh = try await task.value
                current = fresh
                return fresh.credentials
            } catch let error as AWSCredentialError {
                throw error
            } catch {
                throw AWSCredentialError(message: "could not get AWS credentials: \(redactor.redact(String(describing: error)))", hint: nil)
            }
        }
    }

    /// The token in `AWS_WEB_IDENTITY_TOKEN_FILE`, registered as a secret before anything else.
    private static func readToken(at path: String, redactor: Redactor) throws(AWSCredentialError) -> String {
        let hint = "\(AWSVariables.webIdentityTokenFile) must name a readable file holding the OIDC token (a JWT) to assume \(AWSVariables.roleARN) with"
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "it cannot be read"
            throw AWSCredentialError(message: "could not read the web identity token file \(path): \(reason)", hint: hint)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AWSCredentialError(message: "the web identity token file \(path) is not UTF-8 text", hint: hint)
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw AWSCredentialError(message: "the web identity token file \(path) is empty", hint: hint) }
        redactor.register(secret: token)
        return token
    }
}
