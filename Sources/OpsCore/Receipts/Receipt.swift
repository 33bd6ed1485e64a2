import Foundation

/// One line of the receipts log (format 1; docs/formats.md, "Receipts log"). A value: building one
/// computes its `hash` (and `mac`) from the other fields, so a `Receipt` in memory is always
/// sealed.
///
/// `hash` is the lower-case hex SHA-256 of the canonical JSON of the receipt without its
/// `hash` and `mac` members; `mac`, present when the log has a key, is HMAC-SHA256 over
/// the same bytes. The line is the canonical JSON of all members.
package struct Receipt: Sendable, Hashable {
    package static let formatVersion = 1
    /// `prev` of the first receipt.
    package static let genesisHash = String(repeating: "0", count: 64)

    package let v: Int
    package let seq: Int
    /// RFC 3339 UTC with whole seconds, `2026-11-22T10:00:00Z`, kept as written so that
    /// re-serialising a parsed receipt reproduces its bytes.
    package let ts: String
    package let kind: ReceiptKind
    package let actor: String
    package let body: [String: JSONValue]
    package let prev: String
    package let hash: String
    package let mac: String?

    /// Seals a new receipt. `key`, when given, adds a `mac`.
    package init(
        seq: Int, date: Date, kind: ReceiptKind, actor: String, body: [String: JSONValue], prev: String,
        key: [UInt8]? = nil
    ) throws(ReceiptError) {
        try self.init(
            seq: seq, ts: ReceiptTimestamp.string(from: date), kind: kind, actor: actor, body: body, prev: prev, key: key)
    }

    package init(
        seq: Int, ts: String, kind: ReceiptKind, actor: String, body: [String: JSONValue], prev: String,
        key: [UInt8]? = nil
    ) throws(ReceiptError) {
        guard seq >= 0 else { throw ReceiptError.invalidReceipt("seq must not be negative (it is \(seq))") }
        guard !kind.rawValue.isEmpty else { throw ReceiptError.invalidReceipt("kind must not be empty") }
        guard !actor.isEmpty else { throw ReceiptError.invalidReceipt("actor must not be empty") }
        guard Hex.isLowercaseHex(prev, count: 64) else {
            throw ReceiptError.invalidReceipt("prev must be 64 lower-case hex digits")
        }
        guard ReceiptTimestamp.date(from: ts) != nil else {
            throw ReceiptError.invalidReceipt("ts must look like 2026-11-22T10:00:00Z (it is \"\(ts)\")")
        }
        self.v = Self.formatVersion
        self.seq = seq
        self.ts = ts
        self.kind = kind
        self.actor = actor
        self.body = body
        self.prev = prev
        let bytes = JSONWriter.canonicalBytes(
            Self.unsealedValue(v: v, seq: seq, ts: ts, kind: kind, actor: actor, body: body, prev: prev))
        do {
            self.hash = Hex.encode(try SHA256.hash(bytes))
            self.mac = try key.map { key throws(CryptoError) in
                Hex.encode(try HMACSHA256.authenticationCode(for: bytes, key: key))
            }
        } catch {
            throw ReceiptError.crypto(error)
        }
    }

    /// Reads a receipt from a parsed line. Checks the shape only; whether the hash, MAC and
    /// chain hold is the verifier's business.
    init(parsing value: JSONValue) throws(ReceiptFormatProblem) {
        guard case .object(let members) = value else { throw ReceiptFormatProblem("a receipt must be a JSON object") }
        for key in members.keys where !Self.memberNames.contains(key) {
            throw ReceiptFormatProblem("unknown member \"\(key)\"")
        }
        func required(_ name: String) throws(ReceiptFormatProblem) -> JSONValue {
            guard let value = members[name] else { throw ReceiptFormatProblem("the member \"\(name)\" is missing") }
            return value
        }
        func string(_ name: String) throws(ReceiptFormatProblem) -> String {
            guard case .string(let text) = try required(name) else {
                throw ReceiptFormatProblem("\"\(name)\" must be a string")
            }
            return text
        }
        func digest(_ text: String, _ name: String) throws(ReceiptFormatProblem) -> String {
            guard Hex.isLowercaseHex(text, count: 64) else {
                throw ReceiptFormatProblem("\"\(name)\" must be 64 lower-case hex digits")
            }
            return text
        }
        guard case .int(let version) = try required("v"), version == Self.formatVersion else {
            throw ReceiptFormatProblem("\"v\" must be \(Self.formatVersion)")
        }
        guard case .int(let seq) = try required("seq"), seq >= 0 else {
            throw ReceiptFormatProblem("\"seq\" must be a non-negative integer")
        }
        guard case .object(let body) = try required("body") else {
            throw ReceiptFormatProblem("\"body\" must be an object")
        }
        let ts = try string("ts")
        guard ReceiptTimestamp.date(from: ts) != nil else {
            throw ReceiptFormatProblem("\"ts\" must look like 2026-11-22T10:00:00Z")
        }
        self.v = version
        self.seq = seq
        self.ts = ts
        self.kind = ReceiptKind(rawValue: try string("kind"))
        self.actor = try string("actor")
        self.body = body
        self.prev = try digest(try string("prev"), "prev")
        self.hash = try digest(try string("hash"), "hash")
        if members["mac"] != nil {
            self.mac = try digest(try string("mac"), "mac")
        } else {
            self.mac = nil
        }
    }

    static let memberNames: Set<String> = ["v", "seq", "ts", "kind", "actor", "body", "prev", "hash", "mac"]

    private static func unsealedValue(
        v: Int, seq: Int, ts: String, kind: ReceiptKind, actor: String, body: [String: JSONValue], prev: String
    ) -> JSONValue {
        .object([
            "v": .int(v), "seq": .int(seq), "ts": .string(ts), "kind": .string(kind.rawValue),
            "actor": .string(actor), "body": .object(body), "prev": .string(prev),
        ])
    }

    /// The canonical bytes that `hash` and `mac` are computed over.
    package var sealedBytes: [UInt8] {
        JSONWriter.canonicalBytes(
            Self.unsealedValue(v: v, seq: seq, ts: ts, kind: kind, actor: actor, body: body, prev: prev))
    }

    package var jsonValue: JSONValue {
        guard case .object(var members) = Self.unsealedValue(
            v: v, seq: seq, ts: ts, kind: kind, actor: actor, body: body, prev: prev)
        else { preconditionFailure("a receipt is an object") }
        members["hash"] = .string(hash)
        if let mac { members["mac"] = .string(mac) }
        return .object(members)
    }

    /// The line as it is stored, including the terminating newline.
    package var line: [UInt8] {
        var bytes = JSONWriter.canonicalBytes(jsonValue)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    package var head: ReceiptHead { ReceiptHead(seq: seq, hash: hash) }

    /// Body members that name changes: `changeId` (one change: approve, reject, intent,
    /// outcome) and `changeIds` (several: plan, export). `list(changeID:)` looks at these.
    package static let changeIDKey = "changeId"
    package static let changeIDsKey = "changeIds"

    package func names(changeID: String) -> Bool {
        if body[Self.changeIDKey] == .string(changeID) { return true }
        if case .array(let items) = body[Self.changeIDsKey] { return items.contains(.string(changeID)) }
        return false
    }

    /// `ts` as a `Date` (for approval lifetimes).
    package var date: Date {
        // `ts` was validated when the receipt was built or read.
        ReceiptTimestamp.date(from: ts) ?? Date(timeIntervalSince1970: 0)
    }
}

/// Why a parsed line is not a receipt (missing member, wrong type ...).
package struct ReceiptFormatProblem: Error, Sendable, Equatable {
    package var detail: String

    init(_ detail: String) {
        self.detail = detail
    }
}
