extension SendGridEmulator {
    /// The endpoints the emulator answers, from the path below `/sendgrid`.
    enum Route: Equatable {
        /// `/v3/whitelabel/domains`: list (GET), authenticate (POST).
        case domains
        /// `/v3/whitelabel/domains/{id}`: GET, DELETE.
        case domain(Int)
        /// `/v3/whitelabel/domains/{id}/validate`: POST.
        case validateDomain(Int)
        /// `/v3/verified_senders`: list (GET), create (POST).
        case senders
        /// `/v3/verified_senders/{id}`: DELETE.
        case sender(Int)
        /// `/v3/verified_senders/resend/{id}`: POST.
        case resendVerification(Int)
        /// `/v3/verified_senders/verify/{token}`: GET, the link in the verification mail.
        case verify(token: String)
        /// `/_sandbox/dns`: the emulated DNS zone validation reads (sandbox only).
        case dns

        init?(segments: [String]) {
            switch segments {
            case ["_sandbox", "dns"]: self = .dns
            case ["v3", "whitelabel", "domains"]: self = .domains
            case let s where s.count == 4 && s[0] == "v3" && s[1] == "whitelabel" && s[2] == "domains":
                guard let id = Int(s[3]) else { return nil }
                self = .domain(id)
            case let s where s.count == 5 && s[0] == "v3" && s[1] == "whitelabel" && s[2] == "domains" && s[4] == "validate":
                guard let id = Int(s[3]) else { return nil }
                self = .validateDomain(id)
            case ["v3", "verified_senders"]: self = .senders
            case let s where s.count == 3 && s[0] == "v3" && s[1] == "verified_senders":
                guard let id = Int(s[2]) else { return nil }
                self = .sender(id)
            case let s where s.count == 4 && s[0] == "v3" && s[1] == "verified_senders" && s[2] == "resend":
                guard let id = Int(s[3]) else { return nil }
                self = .resendVerification(id)
            case let s where s.count == 4 && s[0] == "v3" && s[1] == "verified_senders" && s[2] == "verify":
                self = .verify(token: s[3])
            default: return nil
            }
        }

        var methods: [String] {
            switch self {
            case .domains, .senders: ["GET", "POST"]
            case .domain: ["GET", "DELETE"]
            case .validateDomain, .resendVerification: ["POST"]
            case .sender: ["DELETE"]
            case .verify: ["GET"]
            case .dns: ["GET", "POST"]
            }
        }

        var area: Credential.Area? {
            switch self {
            case .domains, .domain, .validateDomain: .whitelabel
            case .senders, .sender, .resendVerification, .verify: .senders
            case .dns: nil
            }
        }
    }
}
