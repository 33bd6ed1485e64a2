import OpsCore

/// `X-Opsctl-Signature: sha256=<hex>`: HMAC-SHA256 under `OPSCTL_WEBHOOK_SECRET` of the exact
/// body bytes, so a receiver can tell the document came from someone holding the secret.
package enum WebhookSignature {
    package static let headerName = "X-Opsctl-Signature"
    package static let secretVariable = "OPSCTL_WEBHOOK_SECRET"

    package static func header(body: [UInt8], secret: String) throws(CryptoError) -> String {
        "sha256=" + Hex.encode(try HMACSHA256.authenticationCode(for: body, key: Array(secret.utf8)))
    }
}
