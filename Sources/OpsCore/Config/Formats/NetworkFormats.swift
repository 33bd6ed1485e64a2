import Foundation

/// Shapes of internet names: domains, e-mail addresses and webhook URLs.
enum NetworkFormat {
    /// A fully qualified domain name: at least two DNS labels of letters, digits and inner hyphens.
    static func domain(_ text: String) -> FormatProblem? {
        if text.contains("://") || text.contains("/") {
            return FormatProblem("must be a bare domain name, found '\(text)'", hint: "leave out the scheme and path, as in mail.example.com")
        }
        guard isDomainName(text) else {
            return FormatProblem("must be a domain name such as mail.example.com, found '\(text)'",
                                 hint: "use letters, digits and inner hyphens between the dots")
        }
        return nil
    }

    static func isDomainName(_ text: String) -> Bool {
        let name = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard name.utf8.count <= 253 else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count)
                && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { NameFormat.isASCIILetter($0) || NameFormat.isDigit($0) || $0 == "-" }
        }
    }

    static func email(_ text: String) -> FormatProblem? {
        isEmailAddress(text) ? nil : FormatProblem("must be an e-mail address such as noreply@example.com, found '\(text)'",
                                                         hint: "write it as name@domain")
    }

    /// A practical e-mail check: a local part of the usual characters, '@', and a domain name.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        let localAllowed = "!#$%&'*+-/=?^_`{|}~."
        let localIsValid = (1...64).contains(local.utf8.count)
            && !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
            && local.unicodeScalars.allSatisfy {
                NameFormat.isASCIILetter($0) || NameFormat.isDigit($0) || localAllowed.unicodeScalars.contains($0)
            }
        return localIsValid && isDomainName(String(domain))
    }

    /// An absolute https URL; plain http only for a local address, where tests and tunnels live.
    static func webhookURL(_ text: String) -> FormatProblem? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            return FormatProblem("must be an absolute URL such as https://app.example.com/api/webhook, found '\(text)'",
                                 hint: "start it with https:// and the host name")
        }
        switch scheme {
        case "https":
            return nil
        case "http" where ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()):
            return nil
        case "http":
            return FormatProblem("must use https, found '\(text)'", hint: "plain http is accepted only for localhost")
        default:
            return FormatProblem("must be an https URL, found the scheme '\(scheme)'", hint: "start it with https://")
        }
    }
}
