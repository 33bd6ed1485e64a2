import Foundation
import OpsCore

/// Where and as whom the AWS connectors talk, read once from the connector context.
///
/// Static keys (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optionally `AWS_SESSION_TOKEN`)
/// win; without them, `AWS_ROLE_ARN` plus the GitHub Actions OIDC variables select the
/// web-identity exchange. Every secret is registered with the redactor here, before any
/// request could echo it.
package struct AWSSettings: Sendable {
    package enum CredentialSource: Sendable, Equatable {
        case keys(SigV4.Credentials)
        case webIdentity(WebIdentity)
    }

    /// A GitHub Actions job's way to a role: its OIDC token, exchanged at STS.
    package struct WebIdentity: Sendable, Equatable {
        package var roleARN: String
        package var sessionName: String
        package var tokenRequestURL: String
        package var tokenRequestToken: String
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
        switch context.settings(secrets: [AWSVariables.actionsToken], plain: [AWSVariables.roleARN, AWSVariables.actionsTokenURL]) {
        case .failure(let missing):
            // Said in full: a job without `id-token: write` simply lacks the two variables,
            // and "not set" alone would not tell anyone why.
            fail(MissingCredentials(
                variables: missing.variables,
                problem: "\(AWSVariables.roleARN) is set, so opsctl would assume that role with the GitHub Actions job's OIDC token, but "
                    + missing.message + (missing.problem == nil ? " (the job needs `permissions: id-token: write`)" : "")))
            return nil
        case .success(let values):
            let runID = context.environment[AWSVariables.githubRunID].flatMap { $0.isEmpty ? nil : $0 }
            let session = context.environment[AWSVariables.roleSessionName].flatMap { $0.isEmpty ? nil : $0 }
                ?? "opsctl" + (runID.map { "-\($0)" } ?? "")
            return .webIdentity(WebIdentity(
                roleARN: values[AWSVariables.roleARN] ?? "", sessionName: session,
                tokenRequestURL: values[AWSVariables.actionsTokenURL] ?? "", tokenRequestToken: values[AWSVariables.actionsToken] ?? ""))
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
