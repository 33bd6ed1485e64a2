import Foundation
import OpsCore

/// AWS SSM Parameter Store over JSON 1.1 (docs/services/ssm.md): `GetParametersByPath`,
/// `GetParameters` and `PutParameter`, each a signed `POST /` named by `X-Amz-Target`.
/// Every parameter value in an answer is registered with the redactor as the answer comes off
/// the wire, before the client logs or decodes anything, so no error or log line can show one.
package struct SSMClient: Sendable {
    /// SSM's ceiling for `MaxResults` and for the names of one `GetParameters` call.
    package static let pageSize = 10
    static let targetPrefix = "AmazonSSM."
    static let contentType = "application/x-amz-json-1.1"

    package let http: ServiceHTTPClient
    package let credentials: AWSCredentialProvider
    let redactor: Redactor

    package init(http: ServiceHTTPClient, credentials: AWSCredentialProvider, redactor: Redactor) {
        self.http = http
        self.credentials = credentials
        self.redactor = redactor
    }

    /// A client for the context's AWS settings, or which variables are missing.
    package static func make(context: ConnectorContext, now: @escaping @Sendable () -> Date = { Date() }) -> Result<SSMClient, MissingCredentials> {
        AWSSettings.resolve(context).map { make(settings: $0, context: context, now: now) }
    }

    package static func make(settings: AWSSettings, context: ConnectorContext, now: @escaping @Sendable () -> Date = { Date() }) -> SSMClient {
        let observer = HTTPRequestLog.observer(for: context)
        let provider = AWSCredentialProvider(
            source: settings.credentials, stsURL: settings.stsURL, redactor: context.redactor, observer: observer, now: now)
        let configuration = ServiceHTTPConfiguration.ssm(
            baseURL: settings.ssmURL, authorizer: .sigV4(region: settings.region, service: "ssm", credentials: provider, now: now))
        let http = ServiceHTTPClient(
            configuration: configuration, redactor: context.redactor,
            transport: SSMValueRegistration(inner: CurlTransport(maxConnections: configuration.maxConcurrentRequests), redactor: context.redactor),
            observer: observer)
        return SSMClient(http: http, credentials: provider, redactor: context.redactor)
    }

    // MARK: - Operations

    /// Every parameter under `path`, following `NextToken` to the end: SSM's pages are
    /// best-effort and may be empty while more follow.
    package func parametersByPath(_ path: String, recursive: Bool = true, withDecryption: Bool = true, maxPages: Int = 10_000)
        async throws(SSMError) -> [SSMParameter]
    {
        let operation = "GetParametersByPath"
        let subject = "for \(path)"
        var collected: [SSMParameter] = []
        var token: String?
        var seen: Set<String> = []
        for _ in 0..<maxPages {
            var input: [String: JSONValue] = [
                "Path": .string(path), "Recursive": .bool(recursive), "WithDecryption": .bool(withDecryption), "MaxResults": .int(Self.pageSize),
            ]
            if let token { input["NextToken"] = .string(token) }
            let page = try await call(operation, subject: subject, input: .object(input), idempotent: true, decoding: SSMParameterPage.self)
            collected += page.parameters
            guard let next = page.nextToken else { return collected }
            guard seen.insert(next).inserted else {
                throw SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject) returned the same NextToken twice",
                               hint: "SSM's pagination did not advance; report this if it persists")
            }
            token = next
        }
        throw SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject) did not finish within \(maxPages) pages",
                       hint: "narrow ssmPath")
    }

    /// The named parameters, in batches of at most ten; names SSM does not have are listed in
    /// `invalidParameters`.
    package func parameters(named names: [String], withDecryption: Bool = true) async throws(SSMError) -> SSMParameterBatch {
        var result = SSMParameterBatch(parameters: [], invalidParameters: [])
        var start = 0
        while start < names.count {
            let batch = Array(names[start..<min(start + Self.pageSize, names.count)])
            start += batch.count
            let subject = batch.count == 1 ? "for \(batch[0])" : "for \(batch.count) names (\(batch[0]), …)"
            let input: JSONValue = ["Names": .array(batch.map(JSONValue.string)), "WithDecryption": .bool(withDecryption)]
            let answer = try await call("GetParameters", subject: subject, input: input, idempotent: true, decoding: SSMParameterBatch.self)
            result.parameters += answer.parameters
            result.invalidParameters += answer.invalidParameters
        }
        return result
    }

    /// Writes one parameter and returns its new version. The value is registered with the
    /// redactor first; it travels only in the signed body.
    @discardableResult
    package func putParameter(name: String, value: String, type: String = "SecureString", overwrite: Bool = true) async throws(SSMError) -> Int {
        redactor.register(secret: value)
        let input: JSONValue = ["Name": .string(name), "Value": .string(value), "Type": .string(type), "Overwrite": .bool(overwrite)]
        // With Overwrite a repeated put writes the same value again: safe to retry.
        return try await call("PutParameter", subject: "for \(name)", input: input, idempotent: overwrite, decoding: SSMPutResult.self).version
    }

    // MARK: - Wire

    private func call<Answer: Decodable>(_ operation: String, subject: String, input: JSONValue, idempotent: Bool, decoding: Answer.Type)
        async throws(SSMError) -> Answer
    {
        let permissions = Self.permissions(for: operation)
        do {
            _ = try await credentials.credentials()
        } catch {
            throw SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject) was not sent: \(error.diagnostic.message)",
                           hint: error.diagnostic.hint)
        }
        let request = ServiceRequest(
            method: "POST", target: "/",
            headers: HTTPHeaders([("Content-Type", Self.contentType), ("X-Amz-Target", Self.targetPrefix + operation)]),
            body: JSONWriter.canonicalBytes(input), idempotency: idempotent ? .idempotent : .notIdempotent)
        let response: ServiceResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPClientError {
            throw Self.translate(error, operation: operation, subject: subject, permissions: permissions)
        } catch {
            throw SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject) failed: \(redactor.redact(String(describing: error)))", hint: nil)
        }
        registerValues(in: response.body)
        do {
            return try response.decodeJSON(Answer.self)
        } catch let error as HTTPClientError {
            throw SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject): \(error.message)", hint: error.hint)
        } catch {
            throw SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject) returned an unreadable answer", hint: nil)
        }
    }

    /// Registered already as the answer arrived (`SSMValueRegistration`); again here for a
    /// client made with another transport.
    private func registerValues(in body: [UInt8]) {
        SSMValueRegistration.register(in: body, redactor: redactor)
    }

    static func translate(_ error: HTTPClientError, operation: String, subject: String, permissions: [String]) -> SSMError {
        switch error {
        case .status(_, let status, _, let message):
            if let message, let aws = AWSErrorCode(quoted: message) {
                return .service(operation: operation, subject: subject, status: status, code: aws.code, message: aws.message, permissions: permissions)
            }
            if status == 403 {
                return .service(operation: operation, subject: subject, status: status, code: "AccessDeniedException", message: message, permissions: permissions)
            }
            return SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject) failed with \(status)\(message.map { ": \($0)" } ?? "")",
                            hint: error.hint)
        case .rateLimited(_, _, let attempts, _, _, let message):
            let detail = message.flatMap { AWSErrorCode(quoted: $0)?.message ?? $0 }.map { ": \($0)" } ?? ""
            return SSMError(operation: operation, code: "ThrottlingException",
                            message: "AWS SSM \(operation) \(subject) was still throttled after \(attempts) attempts\(detail)",
                            hint: SSMError.hint(code: "ThrottlingException"))
        case .authorization(_, let reason):
            return SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject) could not be signed: \(reason)", hint: "check the AWS credentials")
        default:
            return SSMError(operation: operation, code: nil, message: "AWS SSM \(operation) \(subject): \(error.message)", hint: error.hint)
        }
    }

    /// The IAM actions an operation needs, for refusal hints.
    static func permissions(for operation: String) -> [String] {
        switch operation {
        case "GetParametersByPath": ["ssm:GetParametersByPath"]
        case "GetParameters": ["ssm:GetParameters"]
        case "PutParameter": ["ssm:PutParameter"]
        default: ["ssm:\(operation)"]
        }
    }
}
