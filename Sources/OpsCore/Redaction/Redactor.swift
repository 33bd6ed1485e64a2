/// The one gate every request, response and error passes before it reaches a log, a report
/// or a terminal. It masks registered secret values (in every encoding), vendor token shapes,
/// credential headers, and values named like credentials, replacing each with `[REDACTED]`.
package struct Redactor: Sendable {
    package static let placeholder = "[REDACTED]"

    package let registry: SecretRegistry

    package init(registry: SecretRegistry = .shared) {
        self.registry = registry
    }

    /// Plants a secret value; every later redaction by any redactor sharing the registry masks it.
    package func register(secret: String) {
        registry.register(secret)
    }

    /// Masks every secret in free text. Text with nothing to mask (most of it: every check of
    /// a plan passes through here) is returned as it came, without being rebuilt.
    package func redact(_ text: String) -> String {
        redact(text, needles: registry.searchable)
    }

    /// The same with the registered secrets as read once for many texts: reading them takes
    /// the registry's lock, which every processor redacting a plan's checks contended for.
    private func redact(_ text: String, needles: SecretNeedles) -> String {
        var text = text
        redact(&text, needles: needles)
        return text
    }

    /// In place, replaced only when something was masked: a plan's checks hold no secret, and
    /// storing each text back was a release and a retain of it (docs/performance.md). Returns
    /// whether it was replaced.
    @discardableResult
    private func redact(_ text: inout String, needles: SecretNeedles) -> Bool {
        guard !text.isEmpty, let masked = text.withUTF8({ mask($0, needles: needles) }) else { return false }
        text = String(decoding: masked, as: UTF8.self)
        return true
    }

    /// The text with every secret masked, or nil when it holds none. The text is searched where
    /// it lies and copied only to be rebuilt: most texts (every check of a plan comes here) hold
    /// nothing, and copying each into an array of its own was a fifth of redacting a plan.
    private func mask(_ text: UnsafeBufferPointer<UInt8>, needles: SecretNeedles) -> [UInt8]? {
        // Registered values first, longest first: they are exact and may not match any shape,
        // and masking them before the shape scan keeps a long secret from being half-matched.
        var ranges: [Range<Int>] = []
        needles.occurrences(in: text, into: &ranges)
        var rebuilt: [UInt8]? = ranges.isEmpty ? nil : NamedValueMasking.replace(ranges, in: Array(text))
        // Each scan reads what the one before it left.
        func rescan(_ scan: (UnsafeBufferPointer<UInt8>) -> [Range<Int>]) {
            let found = rebuilt.map { bytes in bytes.withUnsafeBufferPointer(scan) } ?? scan(text)
            if !found.isEmpty { rebuilt = NamedValueMasking.replace(found, in: rebuilt ?? Array(text)) }
        }
        rescan(TokenShapes.ranges(in:))
        rescan(NamedValueMasking.ranges(in:))
        return rebuilt
    }

    /// Masks credential headers whole and scrubs the values of all others.
    package func redact(_ headers: HTTPHeaders) -> HTTPHeaders {
        HTTPHeaders(
            headers.fields.map { field in
                (field.name, SensitiveNames.isSensitiveHeader(field.name) ? Self.placeholder : redact(field.value))
            }
        )
    }

    package func redact(_ request: HTTPRequest) -> HTTPRequest {
        HTTPRequest(
            method: request.method,
            target: redact(request.target),
            headers: redact(request.headers),
            body: Array(redactBody(request.body).utf8)
        )
    }

    package func redact(_ response: HTTPResponse) -> HTTPResponse {
        HTTPResponse(status: response.status, headers: redact(response.headers), body: Array(redactBody(response.body).utf8))
    }

    /// A body as loggable text: UTF-8 text is scrubbed, anything else is summarised by size,
    /// since binary cannot be scanned for secrets reliably.
    package func redactBody(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        guard let text = String(validating: body, as: UTF8.self) else {
            return "<\(body.count) bytes of binary data>"
        }
        return redact(text)
    }
}

extension Redactor {
    /// A check with every text a person reads redacted: its ID and name quote what a service
    /// returned (a URL, an address) as much as its message does.
    package func redact(_ check: Check) -> Check {
        var check = check
        redact(&check)
        return check
    }

    /// The same, in place: a plan redacts its checks where they are, not into a second array.
    package func redact(_ check: inout Check) {
        redact(&check, needles: registry.searchable)
    }

    /// Every check in place, shared out among the processors (each stands alone), with the
    /// registered secrets read once for all of them (docs/performance.md).
    package func redact(_ checks: inout [Check]) {
        let needles = registry.searchable
        ParallelMap.update(&checks) { redact(&$0, needles: needles) }
    }

    private func redact(_ check: inout Check, needles: SecretNeedles) {
        redact(&check.id, needles: needles)
        redact(&check.name, needles: needles)
        redact(&check.message, needles: needles)
        // Set only when masked: setting it makes a new box for the uncommon fields.
        if var action = check.suggestedAction, redact(&action, needles: needles) {
            check.suggestedAction = action
        }
    }
}
