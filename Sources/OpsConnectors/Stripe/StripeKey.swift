import OpsCore

/// What `STRIPE_SECRET_KEY` holds, told from its prefix alone: a secret (`sk_`) or restricted
/// (`rk_`) key, in test or live mode. Other Stripe credentials are refused before any request:
/// a publishable key (`pk_`) or a webhook signing secret (`whsec_`) cannot list anything, and
/// sending one would only earn a 401 that says less.
struct StripeKey: Sendable, Equatable {
    enum Kind: String, Sendable {
        case secret, restricted
    }

    enum Mode: String, Sendable {
        case test, live
    }

    var kind: Kind
    var mode: Mode

    /// `(test)` or `(live)`, put in every check message so nobody mistakes one account's
    /// state for the other's: test and live objects are separate in Stripe.
    var marker: String { "(\(mode.rawValue))" }

    static func parse(_ value: String) -> Result<StripeKey, StripeKeyProblem> {
        if value.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return .failure(.containsWhiteSpace) }
        let shapes: [(prefix: String, key: StripeKey)] = [
            ("sk_test_", StripeKey(kind: .secret, mode: .test)), ("sk_live_", StripeKey(kind: .secret, mode: .live)),
            ("rk_test_", StripeKey(kind: .restricted, mode: .test)), ("rk_live_", StripeKey(kind: .restricted, mode: .live)),
        ]
        for shape in shapes where value.hasPrefix(shape.prefix) {
            let rest = value.dropFirst(shape.prefix.count)
            guard !rest.isEmpty, rest.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_") }) else {
                return .failure(.malformed)
            }
            return .success(shape.key)
        }
        if value.hasPrefix("pk_test_") || value.hasPrefix("pk_live_") { return .failure(.publishable) }
        if value.hasPrefix("whsec_") { return .failure(.webhookSecret) }
        return .failure(.unknownShape)
    }
}

/// Why `STRIPE_SECRET_KEY` cannot be used. The messages never quote the key, only the kind of
/// thing it is.
enum StripeKeyProblem: DiagnosticError, Equatable {
    case publishable
    case webhookSecret
    case containsWhiteSpace
    case malformed
    case unknownShape

    var diagnostic: Diagnostic {
        let hint = "set \(StripeConnector.keyVariable) to a secret key (sk_test_…, sk_live_…) or a restricted key (rk_test_…, rk_live_…) with read access to prices and webhook endpoints"
        let message = switch self {
        case .publishable: "\(StripeConnector.keyVariable) holds a publishable key (pk_…), which cannot read prices or webhook endpoints"
        case .webhookSecret: "\(StripeConnector.keyVariable) holds a webhook signing secret (whsec_…), not an API key"
        case .containsWhiteSpace: "\(StripeConnector.keyVariable) contains white space; a Stripe key is one word"
        case .malformed: "\(StripeConnector.keyVariable) starts like a Stripe key but has characters Stripe keys never contain"
        case .unknownShape: "\(StripeConnector.keyVariable) does not look like a Stripe API key (sk_… or rk_…)"
        }
        return Diagnostic(message: message, hint: hint)
    }
}
