import OpsCore

/// Checks a SigV4-signed request the way AWS's request layer does, in its order and with
/// its errors (docs/sandbox.md, "AWS"), using the same `SigV4` code the connectors sign with:
/// a missing or malformed `Authorization`, a date more than 15 minutes off, `host` or an
/// `x-amz-*` header left unsigned, a scope for another service, an unknown key, a signature
/// that does not match, and a temporary key without its token or past its expiry.
package struct AWSSignatureVerifier: Sendable {
    package let service: String
    /// How far the request's date may be from the sandbox's clock.
    package static let allowedSkew = 15 * 60

    package init(service: String) {
        self.service = service
    }

    /// Who signed, and for which region.
    package struct Caller: Sendable, Equatable {
        package var key: AWSAccountState.AccessKey
        package var region: String
    }

    package func verify(_ request: EmulatorRequest, account: AWSAccountState, now: Int) -> Result<Caller, AWSRefusal> {
        let headers = request.headers
        guard let authorization = headers["Authorization"]?.trimmingOWS, authorization.hasPrefix("AWS4-") else {
            return .failure(AWSRefusal(status: 400, code: "MissingAuthenticationTokenException", message: "Missing Authentication Token", namespaced: true))
        }
        let algorithm = String(authorization.prefix { $0 != " " })
        let parameters = Self.parameters(of: authorization.dropFirst(algorithm.count))
        var incomplete = ""
        for name in ["Credential", "Signature", "SignedHeaders"] where (parameters[name] ?? "").isEmpty {
            incomplete += "Authorization header requires '\(name)' parameter. "
        }
        let amzDate = headers["X-Amz-Date"]
        if amzDate == nil { incomplete += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " }
        if !incomplete.isEmpty {
            return .failure(incompleteSignature(incomplete + "Authorization=" + authorization))
        }
        let date = amzDate ?? ""
        guard let signedAt = AWSAmzDate.parse(date) else {
            return .failure(incompleteSignature("Date must be in ISO-8601 'basic format'. Got '\(date)'. See http://en.wikipedia.org/wiki/ISO_8601"))
        }
        if signedAt < now - Self.allowedSkew {
            return .failure(invalidSignature("Signature expired: \(date) is now earlier than \(AWSAmzDate.format(now - Self.allowedSkew)) (\(AWSAmzDate.format(now)) - 15 min.)"))
        }
        if signedAt > now + Self.allowedSkew {
            return .failure(invalidSignature("Signature not yet current: \(date) is still later than \(AWSAmzDate.format(now + Self.allowedSkew)) (\(AWSAmzDate.format(now)) + 15 min.)"))
        }
        let signedNames = (parameters["SignedHeaders"] ?? "").split(separator: ";").map { $0.lowercased() }
        guard signedNames.contains("host") else {
            return .failure(invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."))
        }
        for field in headers where field.name.lowercased().hasPrefix("x-amz-") {
            if !signedNames.contains(field.name.lowercased()) {
                return .failure(invalidSignature("'\(Self.displayName(field.name))' must be a 'SignedHeader' in the AWS Authorization."))
            }
        }
        guard algorithm == SigV4.algorithm else {
            return .failure(incompleteSignature("Unsupported AWS 'algorithm': '\(algorithm)' (only AWS4-HMAC-SHA256 for now). "))
        }
        let credential = parameters["Credential"] ?? ""
        var scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while scope.count > 5 && scope.last == "" { scope.removeLast() }
        guard scope.count == 5 else {
            return .failure(incompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(credential)'"))
        }
        var scopeProblems: [String] = []
        if scope[2].isEmpty || !scope[2].allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
            scopeProblems.append("Credential should be scoped to a valid region, not '\(scope[2])'. ")
        }
        if scope[3] != service { scopeProblems.append("Credential should be scoped to correct service: '\(service)'. ") }
        if scope[4] != "aws4_request" { scopeProblems.append("Credential should be scoped with a valid terminator: 'aws4_request', not '\(scope[4])'. ") }
        if scope[1] != String(date.prefix(8)) {
            scopeProblems.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(scope[1])' != '\(date.prefix(8))', from '\(date)'.")
        }
        if !scopeProblems.isEmpty { return .failure(invalidSignature(scopeProblems.joined())) }

        guard let key = account.key(scope[0]) else {
            return .failure(AWSRefusal(status: 403, code: "UnrecognizedClientException", message: "The security token included in the request is invalid.", namespaced: true))
        }
        let signer = SigV4(region: scope[2], service: service)
        let signedHeaders = headers.fields.filter { signedNames.contains($0.name.lowercased()) }
        let path = PercentEncoding.decode(request.original.path) ?? request.original.path
        let canonical = SigV4.Request(method: request.original.method, path: path, query: request.original.query ?? "", headers: signedHeaders, body: request.body)
        let expected: String
        let canonicalText: String
        let stringToSign: String
        do {
            expected = try signer.signature(canonical, credentials: SigV4.Credentials(accessKeyID: key.id, secretAccessKey: key.secret), amzDate: date)
            canonicalText = try signer.canonicalRequest(canonical)
            stringToSign = try signer.stringToSign(canonical, amzDate: date)
        } catch {
            return .failure(AWSRefusal(status: 500, code: "InternalFailure", message: "The request processing has failed because of an unknown error, exception or failure.", namespaced: true))
        }
        let given = parameters["Signature"] ?? ""
        guard ConstantTime.equals(Array(given.utf8), Array(expected.utf8)) else {
            return .failure(invalidSignature(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'\(canonicalText)'\n\n"
                    + "The String-to-Sign should have been\n'\(stringToSign)'\n"))
        }
        if let token = key.sessionToken {
            guard let sent = headers["X-Amz-Security-Token"], ConstantTime.equals(Array(sent.utf8), Array(token.utf8)) else {
                return .failure(AWSRefusal(status: 403, code: "UnrecognizedClientException", message: "The security token included in the request is invalid", namespaced: true))
            }
            if let expires = key.expires, expires <= now {
                return .failure(AWSRefusal(status: 403, code: "ExpiredTokenException", message: "The security token included in the request is expired", namespaced: true))
            }
        } else if headers["X-Amz-Security-Token"] != nil {
            return .failure(AWSRefusal(status: 403, code: "UnrecognizedClientException", message: "The security token included in the request is invalid", namespaced: true))
        }
        return .success(Caller(key: key, region: scope[2]))
    }

    /// `Credential=a/b, SignedHeaders=c;d, Signature=e` → its three parameters.
    static func parameters(of text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            result[String(pair[0])] = String(pair[1])
        }
        return result
    }

    /// `x-amz-target` → `X-Amz-Target`, as AWS names headers in its messages.
    static func displayName(_ name: String) -> String {
        name.split(separator: "-", omittingEmptySubsequences: false).map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: "-")
    }

    private func incompleteSignature(_ message: String) -> AWSRefusal {
        AWSRefusal(status: 400, code: "IncompleteSignatureException", message: message, namespaced: true)
    }

    private func invalidSignature(_ message: String) -> AWSRefusal {
        AWSRefusal(status: 403, code: "InvalidSignatureException", message: message, namespaced: true)
    }
}
