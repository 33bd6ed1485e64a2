import OpsCore

/// What an `Authorization` header holds, read the way the vendors read it: a scheme and a
/// token separated by a space, the scheme case-insensitive, white space around both ignored.
///
/// Emulators accept any non-empty token; they differ only in the schemes they take and in
/// how they refuse, which is why the refusal comes from the caller (see `refusal`).
package enum BearerToken: Sendable, Equatable {
    /// No `Authorization` header at all.
    case missing
    /// A header, but not `<scheme> <token>` with one of the accepted schemes.
    case malformed
    case valid(String)

    /// - Parameter schemes: accepted schemes, lowercased; GitHub also takes `token`.
    package init(authorization header: String?, schemes: Set<String> = ["bearer"]) {
        guard let header else {
            self = .missing
            return
        }
        let parts = header.trimmingOWS.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, schemes.contains(parts[0].lowercased()) else {
            self = .malformed
            return
        }
        let token = parts[1].trimmingOWS
        self = token.isEmpty ? .malformed : .valid(token)
    }

    package init(_ request: EmulatorRequest, schemes: Set<String> = ["bearer"]) {
        self.init(authorization: request.headers["Authorization"], schemes: schemes)
    }

    /// The token; nil for a missing or malformed header (an anonymous caller).
    package var value: String? {
        if case .valid(let token) = self { return token }
        return nil
    }

    /// The vendor's answer for a request without a usable token, or nil when it has one (or
    /// when the vendor lets it through anyway, as Supabase does with a secret API key).
    package func refusal(missing: @autoclosure () -> HTTPResponse?, malformed: @autoclosure () -> HTTPResponse?) -> HTTPResponse? {
        switch self {
        case .missing: missing()
        case .malformed: malformed()
        case .valid: nil
        }
    }
}
