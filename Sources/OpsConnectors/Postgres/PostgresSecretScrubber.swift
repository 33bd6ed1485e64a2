import Foundation

/// Removes the connection password from any text before it can reach an error message.
///
/// libpq does not normally echo passwords, but its messages quote parts of the conninfo
/// string when parsing fails, and servers echo statements; scrubbing every string that
/// leaves the connection layer is cheaper than proving each path clean.
struct PostgresSecretScrubber: Sendable, Equatable {
    static let placeholder = "[REDACTED]"

    /// Each form the password may take in text: as given, percent-encoded, percent-decoded.
    private let needles: [String]

    init(password: String?) {
        guard let password, !password.isEmpty else {
            needles = []
            return
        }
        var forms: Set<String> = [password]
        if let decoded = password.removingPercentEncoding { forms.insert(decoded) }
        if let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.insert(encoded) }
        // Longest first, so a password that contains another form is masked whole.
        needles = forms.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// A scrubber for a URI that may not parse: the password is taken from its text.
    init(uri: String) {
        self.init(password: Self.passwordText(in: uri))
    }

    func scrub(_ text: String) -> String {
        needles.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.placeholder) }
    }

    func scrub(_ text: String?) -> String? {
        text.map(scrub)
    }

    /// The password as written in a URI (`scheme://user:PASSWORD@host`) or a key/value
    /// string (`password=...`), found without a full parser because it must work on input
    /// that libpq rejected.
    static func passwordText(in uri: String) -> String? {
        if let schemeEnd = uri.range(of: "://") {
            let rest = uri[schemeEnd.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    let password = userInfo[userInfo.index(after: colon)...]
                    if !password.isEmpty { return String(password) }
                }
            }
        }
        for marker in ["password=", "password ="] {
            if let range = uri.range(of: marker) {
                var value = uri[range.upperBound...].drop { $0 == " " }
                if value.first == "'" {
                    value = value.dropFirst().prefix { $0 != "'" }
                } else {
                    value = value.prefix { $0 != " " && $0 != "&" }
                }
                if !value.isEmpty { return String(value) }
            }
        }
        return nil
    }
}
