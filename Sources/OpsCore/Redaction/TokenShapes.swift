/// Vendor credentials recognisable by their shape alone, masked even when nobody registered
/// them (a token pasted into a config value, echoed back in an error body, or read from a
/// variable the CLI did not know about).
///
/// A hand-written scanner over UTF-8 rather than regular expressions: it runs on every log
/// line and error, needs no shared mutable engine, and each rule stays readable below.
enum TokenShapes {
    struct Shape: Sendable {
        /// Literal prefixes that start the token.
        var prefixes: [String]
        /// Returns how many bytes after the prefix belong to the token, or nil when the text
        /// after the prefix does not complete the shape.
        var body: @Sendable (_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int?
    }

    static let shapes: [Shape] = [
        // GitHub classic tokens: personal, OAuth, user-to-server, server-to-server, refresh.
        Shape(prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) { run($0, $1, min: 20, of: isAlnum) },
        Shape(prefixes: ["github_pat_"]) { run($0, $1, min: 20, of: isWord) },
        // Stripe secret and restricted keys, and webhook signing secrets.
        Shape(prefixes: ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"]) {
            run($0, $1, min: 8, of: isAlnum)
        },
        // Slack bot, user, app-level and legacy tokens.
        Shape(prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxs-", "xoxo-", "xoxr-", "xapp-"]) {
            run($0, $1, min: 8, of: isAlnumOrDash)
        },
        // AWS access key ids (long-term and temporary): exactly 16 upper-case characters.
        Shape(prefixes: ["AKIA", "ASIA"]) { bytes, start in
            let count = run(bytes, start, min: 16, of: isUpperAlnum) ?? 0
            return count == 16 ? 16 : nil
        },
        // SendGrid: SG.<id>.<secret>.
        Shape(prefixes: ["SG."]) { bytes, start in
            dotted(bytes, start, segments: [4, 4])
        },
        // PostHog personal API keys (project keys `phc_` are public by design).
        Shape(prefixes: ["phx_"]) { run($0, $1, min: 8, of: isWord) },
        // Supabase personal access tokens and new-style secret keys.
        Shape(prefixes: ["sbp_"]) { run($0, $1, min: 8, of: isWord) },
        Shape(prefixes: ["sb_secret_"]) { run($0, $1, min: 8, of: isAlnumOrDashOrUnderscore) },
        // JWTs: header.payload.signature in base64url; `eyJ` is `{"` encoded. Unsigned tokens
        // end in a bare dot, so the signature may be empty.
        Shape(prefixes: ["eyJ"]) { bytes, start in
            dotted(bytes, start, segments: [1, 4, 0])
        },
    ]

    /// Returns the byte ranges of every token in `bytes`, in order and not overlapping.
    static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = bytes.baseAddress else { return [] }
        var found: [Range<Int>] = []
        // Through the tables' storage, read once: every text of a plan comes here, and a
        // bounds-checked look-up and three range comparisons a byte were most of the scan
        // (docs/performance.md).
        let pairs = prefixPairs
        alnum.withUnsafeBufferPointer { alnum in
            var index = 0
            // A token starts at a word boundary, so `desk_test_` inside a longer word is left alone.
            var afterAlnum = false
            while index < bytes.count {
                let byte = base[index]
                // One bit rules out most positions before any prefix is compared: whether a
                // prefix begins with this byte and the next (every token is longer than two
                // bytes, so the text's last byte never begins one).
                if !afterAlnum, index + 1 < bytes.count, pairs.contains(byte, base[index + 1]),
                    let end = match(bytes, at: index)
                {
                    found.append(index..<end)
                    index = end
                    afterAlnum = alnum[Int(base[end - 1])]
                    continue
                }
                afterAlnum = alnum[Int(byte)]
                index += 1
            }
        }
        return found
    }

    /// Per byte value: whether `isAlnum` holds.
    private static let alnum: [Bool] = (0...255).map { isAlnum(UInt8($0)) }

    private static let compiled: [(prefix: [UInt8], shape: Shape)] = shapes.flatMap { shape in
        shape.prefixes.map { (Array($0.utf8), shape) }
    }

    /// Per byte value: the prefixes that begin with it, so a position is compared with those
    /// alone rather than with every prefix.
    private static let compiledByFirstByte: [[(prefix: [UInt8], shape: Shape)]] = (0...255).map { byte in
        compiled.filter { $0.prefix[0] == UInt8(byte) }
    }

    /// One bit per pair of bytes, set when some prefix begins with the pair: the scan's first
    /// test. A table of first bytes alone let through the start of every word beginning with
    /// `s`, `p`, `e` or `r`, and each such word compared prefixes held in arrays, retaining and
    /// releasing them (docs/performance.md).
    /// Kept for the process's life.
    private static let prefixPairs = BytePairBits(startsOf: compiled.map(\.prefix))

    private static func match(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        for (prefix, shape) in compiledByFirstByte[Int(bytes[index])] {
            guard index + prefix.count <= bytes.count,
                bytes[index..<(index + prefix.count)].elementsEqual(prefix)
            else { continue }
            let bodyStart = index + prefix.count
            if let length = shape.body(bytes, bodyStart) { return bodyStart + length }
        }
        return nil
    }

    /// Length of the run of `accepted` bytes starting at `start`, or nil if shorter than `min`.
    private static func run(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, min: Int, of accepted: (UInt8) -> Bool) -> Int? {
        var end = start
        while end < bytes.count, accepted(bytes[end]) { end += 1 }
        return end - start >= min ? end - start : nil
    }

    /// Base64url segments separated by dots; `segments` gives each one's minimum length, the
    /// first segment continuing the prefix.
    private static func dotted(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, segments: [Int]) -> Int? {
        var position = start
        for (number, minimum) in segments.enumerated() {
            if number > 0 {
                guard position < bytes.count, bytes[position] == UInt8(ascii: ".") else { return nil }
                position += 1
            }
            guard let length = run(bytes, position, min: minimum, of: isAlnumOrDashOrUnderscore) ?? (minimum == 0 ? 0 : nil)
            else { return nil }
            position += length
        }
        return position - start
    }

    static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isUpperAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }

    private static func isWord(_ byte: UInt8) -> Bool { isAlnum(byte) || byte == UInt8(ascii: "_") }

    private static func isAlnumOrDash(_ byte: UInt8) -> Bool { isAlnum(byte) || byte == UInt8(ascii: "-") }

    private static func isAlnumOrDashOrUnderscore(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
