import OpsCore

/// Why an SSM request failed, as one sentence naming the operation and what it was for,
/// plus a hint. `code` is AWS's error code when the service gave one, so callers can tell
/// a missing parameter from a refusal.
package struct SSMError: DiagnosticError, Equatable, CustomStringConvertible {
    package var operation: String
    package var code: String?
    package var diagnostic: Diagnostic

    package init(operation: String, code: String?, message: String, hint: String?) {
        self.operation = operation
        self.code = code
        diagnostic = Diagnostic(severity: .error, message: message, hint: hint)
    }

    package var description: String { diagnostic.message }

    /// Codes AWS answers 403 with (or 400, for the JSON protocol's missing signature), all of
    /// which mean "these credentials cannot do this", never "try again".
    package static let refusalCodes: Set<String> = [
        "UnrecognizedClientException", "InvalidSignatureException", "AccessDeniedException", "ExpiredTokenException",
        "MissingAuthenticationTokenException", "IncompleteSignatureException", "InvalidClientTokenId", "SignatureDoesNotMatch",
    ]

    /// The error for an answer with AWS error `code`.
    static func service(operation: String, subject: String, status: Int?, code: String, message: String?, permissions: [String]) -> SSMError {
        let quoted = message.map { ": \($0)" } ?? ""
        let request = "AWS SSM \(operation) \(subject)"
        if refusalCodes.contains(code) || status == 403 {
            return SSMError(
                operation: operation, code: code, message: "\(request) was refused (\(code))\(quoted)",
                hint: refusalHint(code: code, permissions: permissions))
        }
        return SSMError(operation: operation, code: code, message: "\(request) failed (\(code))\(quoted)", hint: hint(code: code))
    }

    static func refusalHint(code: String, permissions: [String]) -> String {
        let needed = permissions.joined(separator: ", ")
        switch code {
        case "UnrecognizedClientException", "InvalidClientTokenId":
            return "AWS does not recognise the access key: check AWS_ACCESS_KEY_ID (and AWS_SESSION_TOKEN with temporary keys) and that AWS_REGION is the parameters' region"
        case "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignatureException":
            return "the request signature did not verify: check AWS_SECRET_ACCESS_KEY, and the machine's clock (AWS refuses signatures more than 15 minutes off)"
        case "ExpiredTokenException":
            return "the temporary credentials have expired: set a fresh AWS_SESSION_TOKEN with its keys, or re-run the job to assume the role again"
        case "MissingAuthenticationTokenException":
            return "the request reached AWS unsigned: check OPS_SSM_API_URL points at SSM"
        default:
            return "the identity needs the IAM permissions \(needed) on these parameters (and kms:Decrypt on the KMS key of SecureString parameters)"
        }
    }

    static func hint(code: String) -> String {
        switch code {
        case "ParameterNotFound": "check the parameter's name and AWS_REGION: parameters are per region"
        case "ParameterAlreadyExists": "the parameter exists; opsctl overwrites only with Overwrite set"
        case "ThrottlingException": "SSM is throttling this account; re-run later, or raise the parameter store's throughput"
        case "InvalidKeyId": "check the KMS key the SecureString parameter is encrypted with, and kms:Decrypt on it"
        case "ValidationException": "SSM refused the request's input; its message above says which field"
        default: "see AWS's message above"
        }
    }
}
