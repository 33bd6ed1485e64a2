import Foundation
import OpsCore

/// AWS STS's `AssumeRoleWithWebIdentity`, mounted at `/sts` (docs/sandbox.md, "AWS STS"): the
/// query protocol (a form-encoded POST, or a GET with the same query), answered in XML.
///
/// It accepts tokens from the sandbox's OIDC issuer (`ActionsOIDCEmulator`) without checking
/// their signature, but checks what AWS checks next: the issuer, the audience
/// (`sts.amazonaws.com`), the expiry, and the shape of the role ARN and session name. The
/// temporary keys it hands out are added to the sandbox's AWS account, so SSM accepts them
/// (with their session token) until they expire.
package struct STSEmulator: ServiceEmulator {
    package let scope = "sts"
    package static let audience = "sts.amazonaws.com"

    package init() {}

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(AWSAccountState.self, scope: AWSAccountState.scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        guard request.path == "/", request.method == "POST" || request.method == "GET" else {
            return STSXMLResponse.error(AWSRefusal(status: 404, code: "UnknownOperation", message: "The requested operation is not supported"))
        }
        var parameters = request.query
        if request.method == "POST" {
            parameters.items += QueryParameters(parsing: String(decoding: request.body, as: UTF8.self)).items
        }
        let action = parameters["Action"] ?? ""
        guard action == "AssumeRoleWithWebIdentity" else {
            return STSXMLResponse.error(AWSRefusal(status: 400, code: "InvalidAction", message: "Could not find operation \(action) for version 2011-06-15"))
        }
        let now = SandboxTimestamp.now()
        do throws(AWSRefusal) {
            let grant = try Self.validate(parameters, now: now.epochSeconds)
            let key = try Self.issue(grant, now: now.epochSeconds)
            do {
                try state.transaction(AWSAccountState.self, scope: AWSAccountState.scope) { account in
                    account.pruneExpired(now: now.epochSeconds)
                    account.accessKeys.append(key)
                }
            } catch {
                throw AWSRefusal(status: 500, code: "InternalFailure", message: "The sandbox could not save the credentials: \(error.message)")
            }
            return Self.answer(grant, key: key)
        } catch {
            return STSXMLResponse.error(error)
        }
    }

    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        STSXMLResponse.error(error.status == 429
            ? AWSRefusal(status: 400, code: "Throttling", message: "Rate exceeded")
            : AWSRefusal(status: error.status, code: error.status >= 500 ? "InternalFailure" : "ValidationError", message: error.message))
    }

    struct Grant: Sendable {
        var roleARN: String
        var sessionName: String
        var duration: Int
        var subject: String
        var audience: String
    }

    static func validate(_ parameters: QueryParameters, now: Int) throws(AWSRefusal) -> Grant {
        func required(_ name: String) throws(AWSRefusal) -> String {
            guard let value = parameters[name], !value.isEmpty else {
                throw validation("1 validation error detected: Value null at '\(name.prefix(1).lowercased() + name.dropFirst())' failed to satisfy constraint: Member must not be null")
            }
            return value
        }
        let role = try required("RoleArn")
        let session = try required("RoleSessionName")
        let token = try required("WebIdentityToken")
        guard isRoleARN(role) else { throw validation("Request ARN is invalid") }
        guard (2...64).contains(session.count), session.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_+=,.@-".contains($0)) }) else {
            throw validation("1 validation error detected: Value '\(session)' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*")
        }
        let duration = Int(parameters["DurationSeconds"] ?? "3600") ?? -1
        guard (900...43_200).contains(duration) else {
            throw validation("1 validation error detected: Value '\(parameters["DurationSeconds"] ?? "")' at 'durationSeconds' failed to satisfy constraint: "
                + "Member must have value \(duration < 900 ? "greater than or equal to 900" : "less than or equal to 43200")")
        }
        guard let claims = SandboxJWT.claims(of: token) else {
            throw AWSRefusal(status: 400, code: "InvalidIdentityToken", message: "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements")
        }
        guard claims["iss"]?.stringValue == ActionsOIDCEmulator.issuer else {
            throw AWSRefusal(status: 400, code: "InvalidIdentityToken",
                             message: "No OpenIDConnect provider found in your account for \(claims["iss"]?.stringValue ?? "(no issuer)")")
        }
        let audience = claims["aud"]?.stringValue ?? ""
        guard audience == Self.audience else {
            throw AWSRefusal(status: 400, code: "InvalidIdentityToken", message: "Incorrect token audience")
        }
        guard let expires = claims["exp"]?.intValue, expires > now else {
            throw AWSRefusal(status: 400, code: "ExpiredTokenException", message: "Token expired: current date/time \(now) must be before the expiration date/time \(claims["exp"]?.intValue ?? 0)")
        }
        return Grant(roleARN: role, sessionName: session, duration: duration, subject: claims["sub"]?.stringValue ?? "", audience: audience)
    }

    /// `arn:aws:iam::123456789012:role/deploy` (a path may come before the name).
    static func isRoleARN(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "iam", parts[3].isEmpty,
            parts[4].count == 12, parts[4].allSatisfy(\.isNumber), parts[5].hasPrefix("role/")
        else { return false }
        let name = parts[5].dropFirst("role/".count)
        return !name.isEmpty && !name.hasSuffix("/") && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_+=,.@-/".contains($0)) }
    }

    static func issue(_ grant: Grant, now: Int) throws(AWSRefusal) -> AWSAccountState.AccessKey {
        do {
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            let id = "ASIA" + String(try SecureRandom.bytes(count: 16).map { alphabet[Int($0) % alphabet.count] })
            let secret = String(Data(try SecureRandom.bytes(count: 30)).base64EncodedString().prefix(40))
            let token = "IQoJb3JpZ2luX2VjE" + Data(try SecureRandom.bytes(count: 96)).base64EncodedString()
            return AWSAccountState.AccessKey(id: id, secret: secret, user: AWSAccountState.stsUser, sessionToken: token, expires: now + grant.duration, role: grant.roleARN)
        } catch {
            throw AWSRefusal(status: 500, code: "InternalFailure", message: "The sandbox could not make credentials")
        }
    }

    static func answer(_ grant: Grant, key: AWSAccountState.AccessKey) -> HTTPResponse {
        let roleName = grant.roleARN.split(separator: "/").last.map(String.init) ?? "role"
        let expiration = UTCTime(epochSeconds: key.expires ?? 0).rfc3339
        return STSXMLResponse.success("AssumeRoleWithWebIdentity", result: [
            ("Audience", .text(grant.audience)),
            ("AssumedRoleUser", .children([
                ("AssumedRoleId", .text("AROASANDBOXROLE0000001:\(grant.sessionName)")),
                ("Arn", .text("arn:aws:sts::\(AWSAccountState.accountID):assumed-role/\(roleName)/\(grant.sessionName)")),
            ])),
            ("Provider", .text("arn:aws:iam::\(AWSAccountState.accountID):oidc-provider/token.actions.githubusercontent.com")),
            ("Credentials", .children([
                ("AccessKeyId", .text(key.id)), ("SecretAccessKey", .text(key.secret)),
                ("SessionToken", .text(key.sessionToken ?? "")), ("Expiration", .text(expiration)),
            ])),
            ("SubjectFromWebIdentityToken", .text(grant.subject)),
        ])
    }

    static func validation(_ message: String) -> AWSRefusal {
        AWSRefusal(status: 400, code: "ValidationError", message: message)
    }
}
