import Foundation
import OpsCore

/// Where and as whom the AWS connectors talk, read once from the connector context.
///
/// Static keys (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optionally `AWS_SESSION_TOKEN`)
/// win; without them, `AWS_ROLE_ARN` selects the web-identity exchange, with the token in
/// `AWS_WEB_IDENTITY_TOKEN_FILE` (as every AWS SDK reads it: Kubernetes service accounts, other
/// CI systems) or else the GitHub Actions job's OIDC token. Every secret is registered with the redactor here, before any
/// request could echo it.
package struct AWSSettings: Sendable {
    package enum CredentialSource: Sendable, Equatable {
        case keys(SigV4.Credentials)
        case webIdentity(WebIdentity)
    }

    /// A way to a role without keys: an OIDC token, exchanged at STS.
    package struct WebIdentity: Sendable, Equatable {
        package var roleARN: String
        package var sessionName: String
        package var token: WebIdentityToken
    }

    /// Where the OIDC token comes from.
    package enum WebIdentityToken: Sendable, Equatable {
        /// The GitHub Actions runner's token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`, with
        /// `ACTIONS_ID_TOKEN_REQUEST_TOKEN`).
        case actionsOIDC(requestURL: String, requestToken: String)
        /// A file the platform keeps fresh (`AWS_WEB_IDENTITY_TOKEN_FILE`); read at each exchange,
        /// since it is rotated under a running process.
        case file(path: String)
    }

    package var region: String
    package var ssmURL: URL
    package var stsURL: URL
    package var credentials: CredentialSource

    package static func resolve(_ context: ConnectorContext) -> Result<AWSSettings, MissingCredentials> {
        let environment = context.environment
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }

        var failure: MissingCredentials?
        func fail(_ problem: MissingCredentials) {
            failure = failure.map { $0.combined(with: problem) } ?? problem
        }

        let credentials: CredentialSource?
        if value(AWSVariables.accessKeyID) != nil || value(AWSVariables.secretAccessKey) != nil || value(AWSVariables.roleARN) == nil {
            credentials = staticKeys(context, fail: fail)
        } else {
            credentials = webIdentity(context, fail: fail)
        }

        let region = value(AWSVariables.region) ?? value(AWSVariables.defaultRegion)
        if region == nil { fail(MissingCredentials(variables: [AWSVariables.region])) }
        let resolvedRegion = region ?? "us-east-1"
        let ssm = endpoint(context, variable: AWSVariables.ssmURL, sandboxMount: "ssm", defaultURL: "https://ssm.\(resolvedRegion).amazonaws.com", fail: fail)
        let sts = endpoint(context, variable: AWSVariables.stsURL, sandboxMount: "sts", defaultURL: "https://sts.\(resolvedRegion).amazonaws.com", fail: fail)

        if let failure { return .failure(failure) }
        guard let credentials, let ssm, let sts else { return .failure(MissingCredentials(variables: [])) }
        return .success(AWSSettings(region: resolvedRegion, ssmURL: ssm, stsURL: sts, credentials: credentials))
    }

    private static func staticKeys(_ context: ConnectorContext, fail: (MissingCredentials) -> Void) -> CredentialSource? {
        // The key ID is not secret the way the key is, but it identifies the account: masked too.
        var secrets = [AWSVariables.accessKeyID, AWSVariables.secretAccessKey]
        if let token = context.environment[AWSVariables.sessionToken], !token.isEmpty { secrets.append(AWSVariables.sessionToken) }
        switch context.settings(secrets: secrets) {
        case .failure(let missing):
            fail(missing)
            return nil
        case .success(let values):
            return .keys(SigV4.Credentials(
                accessKeyID: values[AWSVariables.accessKeyID] ?? "", secretAccessKey: values[AWSVariables.secretAccessKey] ?? "",
                sessionToken: values[AWSVariables.sessionToken]))
        }
    }

    private static func webIdentity(_ context: ConnectorContext, fail: (MissingCredentials) -> Void) -> CredentialSource? {
        let runID = context.environment[AWSVariables.githubRunID].flatMap { $0.isEmpty ? nil : $0 }
        let session = context.environment[AWSVariables.roleSessionName].flatMap { $0.isEmpty ? nil : $0 }
            ?? "opsctl" + (runID.map { "-\($0)" } ?? "")
        if let path = context.environment[AWSVariables.webIdentityTokenFile], !path.isEmpty {
            return .webIdentity(WebIdentity(roleARN: context.environment[AWSVariables.roleARN] ?? "", sessionName: session, token: .file(path: path)))
        }
        switch context.settings(secrets: [AWSVariables.actionsToken], plain: [AWSVariables.roleARN, AWSVariables.actionsTokenURL]) {
        case .failure(let missing):
            // Said in full: a job without `id-token: write` simply lacks the two variables,
            // and "not set" alone would not tell anyone why.
            fail(MissingCredentials(
                variables: missing.variables,
                problem: "\(AWSVariables.roleARN) is set, so opsctl would assume that role with the GitHub Actions job's OIDC token"
                    + " (or the token in \(AWSVariables.webIdentityTokenFile), which is not set either), but "
                    + missing.message + (missing.problem == nil ? " (the job needs `permissions: id-token: write`)" : "")))
            return nil
        case .success(let values):
            return .webIdentity(WebIdentity(
                roleARN: values[AWSVariables.roleARN] ?? "", sessionName: session,
                token: .actionsOIDC(requestURL: values[AWSVariables.actionsTokenURL] ?? "", requestToken: values[AWSVariables.actionsToken] ?? "")))
        }
    }

    /// The variable's URL, else the sandbox's mount, else AWS's regional endpoint.
    private static func endpoint(_ context: ConnectorContext, variable: String, sandboxMount: String, defaultURL: String, fail: (MissingCredentials) -> Void) -> URL? {
        let text: String
        if let override = context.environment[variable], !override.isEmpty {
            text = override
        } else if let sandbox = context.sandboxURL {
            var base = sandbox
            while base.hasSuffix("/") { base.removeLast() }
            text = base + "/" + sandboxMount
        } else {
            text = defaultURL
        }
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            fail(MissingCredentials(variables: [variable], problem: "\(variable) ('\(text)') is not an http(s) URL"))
            return nil
        }
        return url
    }
}
