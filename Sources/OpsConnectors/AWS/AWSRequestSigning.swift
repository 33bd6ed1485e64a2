import Foundation
import OpsCore

extension RequestAuthorizer {
    /// AWS Signature Version 4 over each attempt (docs/services/ssm.md, "Signing"): a fresh
    /// date and signature per attempt, so a retry after a wait is not refused as expired.
    /// Signs `host` (with the port when it is not the scheme's default, as the HTTP stack
    /// sends it), `content-type` and every `x-amz-*` header; with temporary credentials the
    /// session token travels as `X-Amz-Security-Token` and is signed too.
    package static func sigV4(
        region: String, service: String, credentials: AWSCredentialProvider, now: @escaping @Sendable () -> Date = { Date() }
    ) -> RequestAuthorizer {
        let signer = SigV4(region: region, service: service)
        return RequestAuthorizer(secrets: []) { request in
            let keys = try await credentials.credentials()
            let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
            var headers: [(name: String, value: String)] = [("Host", hostHeader(request.url))]
            for field in request.headers {
                let name = field.name.lowercased()
                guard name == "content-type" || (name.hasPrefix("x-amz-") && name != "x-amz-date" && name != "x-amz-security-token") else { continue }
                headers.append(field)
            }
            let signed = SigV4.Request(
                method: request.method, path: components?.path ?? request.url.path, query: components?.percentEncodedQuery ?? "",
                headers: headers, body: request.body)
            let amzDate = SigV4.amzDate(UTCTime(now()))
            return HTTPHeaders(try signer.signingHeaders(for: signed, credentials: keys, amzDate: amzDate))
        }
    }

    /// `host` or `host:port`, as curl writes the `Host` header for the URL.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let port = url.port else { return bracketed }
        let defaultPort = url.scheme?.lowercased() == "https" ? 443 : 80
        return port == defaultPort ? bracketed : "\(bracketed):\(port)"
    }
}
