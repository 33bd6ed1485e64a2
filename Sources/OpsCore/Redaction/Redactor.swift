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
        guard !text.isEmpty else { return text }
        var bytes = Array(text.utf8)
        var changed = false
        // Registered values first, longest first: they are exact and may not match any shape,
        // and masking them before the shape scan keeps a long secret from being half-matched.
        var ranges: [Range<Int>] = []
        for needle in registry.needleBytes {
            appendOccurrences(of: needle, in: bytes, to: &ranges)
        }
        if !ranges.isEmpty {
            bytes = NamedValueMasking.replace(ranges, in: bytes)
            changed = true
        }
        let tokens = TokenShapes.ranges(in: bytes)
        if !tokens.isEmpty {
            bytes = NamedValueMasking.replace(tokens, in: bytes)
            changed = true
        }
        let named = NamedValueMasking.ranges(in: bytes)
        if !named.isEmpty {
            bytes = NamedValueMasking.replace(named, in: bytes)
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
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

    /// Appends where `needle` occurs in `haystack`; overlapping hits are kept and merged later.
    private func appendOccurrences(of needle: [UInt8], in haystack: [UInt8], to found: inout [Range<Int>]) {
        guard let first = needle.first, needle.count <= haystack.count else { return }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(index..<(index + needle.count))
                index += needle.count
            } else {
                index += 1
            }
        }
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
        check.id = redact(check.id)
        check.name = redact(check.name)
        check.message = redact(check.message)
        // Set only when masked: setting it makes a new box for the uncommon fields.
        if let action = check.suggestedAction {
            let redacted = redact(action)
            if redacted != action { check.suggestedAction = redacted }
        }
    }
}
