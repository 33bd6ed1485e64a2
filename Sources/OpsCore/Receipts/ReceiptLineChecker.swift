/// Checks one stored line on its own — canonical, a receipt, `hash` (and `mac`) right —
/// working on the bytes as stored. The hash is taken over the line with its `hash` and `mac`
/// members cut out: for a canonical line that is exactly the canonical form of the receipt
/// without them, so nothing is re-serialised. A class because it owns the hashing contexts
/// and scratch buffers that every line reuses; the per-line work keeps to locals and
/// allocates nothing.
final class ReceiptLineChecker {
    /// Where the members that link the chain are, in a line that checked out.
    struct CheckedLine {
        var seq: Int
        /// The 64 hex digits of `hash` and `prev` (offsets into the line).
        var hash: Range<Int>
        var prev: Range<Int>
    }

    enum Outcome {
        case valid(CheckedLine)
        /// Offset in the line of the first byte that differs from canonical form.
        case notCanonical(offset: Int)
        case unparsable(String)
        case edited
        case badMAC
        case missingMAC
    }

    private var scanner = CanonicalJSONScanner()
    private let hasher: SHA256Hasher
    private let authenticator: HMACSHA256Hasher?
    private let digest = UnsafeMutableRawBufferPointer.allocate(byteCount: 32, alignment: 8)
    private let digestHex = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)

    init(key: [UInt8]?) throws(CryptoError) {
        hasher = try SHA256Hasher()
        authenticator = try key.map { key throws(CryptoError) in try HMACSHA256Hasher(key: key) }
    }

    deinit {
        digest.deallocate()
        digestHex.deallocate()
    }

    var checksMAC: Bool { authenticator != nil }

    /// What checking one line found, with the line's seq whenever its members could be read
    /// (the look-ahead after a seq gap needs only that). A crypto failure is kept, not thrown,
    /// so that lines checked ahead on other threads report it in line order.
    struct Verdict {
        var seq: Int?
        var outcome: Result<Outcome, CryptoError>
    }

    func check(_ line: UnsafeRawBufferPointer) throws(CryptoError) -> Outcome {
        try verdict(line).outcome.get()
    }

    func verdict(_ line: UnsafeRawBufferPointer) -> Verdict {
        guard scanner.scanTopLevelObject(line) else { return Verdict(seq: nil, outcome: .success(diagnoseNonCanonical(line))) }
        let fields: Fields
        switch Self.locateFields(line, scanner.members) {
        case .fields(let located): fields = located
        case .problem(let problem): return Verdict(seq: nil, outcome: .success(.unparsable(problem)))
        }
        do {
            return Verdict(seq: fields.seq, outcome: .success(try checkSeal(line, fields)))
        } catch {
            return Verdict(seq: fields.seq, outcome: .failure(error))
        }
    }

    private func checkSeal(_ line: UnsafeRawBufferPointer, _ fields: Fields) throws(CryptoError) -> Outcome {
        // The sealed bytes: the line without the `hash` member and, if present, the `mac`
        // member ("hash" sorts before "mac", so the cuts come in order).
        let firstCut = fields.hashCut
        let secondCut = fields.macCut ?? (line.count..<line.count)
        try feed(UnsafeRawBufferPointer(rebasing: line[0..<firstCut.lowerBound]))
        try feed(UnsafeRawBufferPointer(rebasing: line[firstCut.upperBound..<secondCut.lowerBound]))
        try feed(UnsafeRawBufferPointer(rebasing: line[secondCut.upperBound..<line.count]))

        try hasher.finalize(into: digest)
        Hex.encode(UnsafeRawBufferPointer(digest), into: digestHex)
        if !bytesEqual(UnsafeRawBufferPointer(digestHex), UnsafeRawBufferPointer(rebasing: line[fields.hash])) {
            try authenticator?.finalize(into: digest)  // resets it for the next line
            return .edited
        }
        if let authenticator {
            try authenticator.finalize(into: digest)
            guard let mac = fields.mac else { return .missingMAC }
            Hex.encode(UnsafeRawBufferPointer(digest), into: digestHex)
            if !ConstantTime.equals(UnsafeRawBufferPointer(digestHex), UnsafeRawBufferPointer(rebasing: line[mac])) {
                return .badMAC
            }
        }
        return .valid(CheckedLine(seq: fields.seq, hash: fields.hash, prev: fields.prev))
    }

    /// The seq of a line, if it is a canonical receipt; used to look ahead after a seq gap.
    func readSeq(_ line: UnsafeRawBufferPointer) -> Int? {
        guard scanner.scanTopLevelObject(line), case .fields(let fields) = Self.locateFields(line, scanner.members)
        else { return nil }
        return fields.seq
    }

    @inline(__always)
    private func feed(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        try hasher.update(bytes)
        try authenticator?.update(bytes)
    }

    /// Tells a line that is valid JSON in another spelling from one that is not JSON at all.
    /// Only runs on failure, so it may be slow.
    private func diagnoseNonCanonical(_ line: UnsafeRawBufferPointer) -> Outcome {
        do {
            let value = try JSONParser.parse(line)
            guard case .object = value else { return .unparsable("a receipt must be a JSON object") }
            return .notCanonical(offset: scanner.violationOffset)
        } catch {
            return .unparsable("\(error.problem) (column \(error.column))")
        }
    }

    // MARK: Members

    private struct Fields {
        var seq: Int
        var hash: Range<Int>
        var prev: Range<Int>
        var mac: Range<Int>?
        /// The bytes to leave out of the hash: each member with its separating comma.
        var hashCut: Range<Int>
        var macCut: Range<Int>?
    }

    private enum Located {
        case fields(Fields)
        case problem(String)
    }

    /// Finds each receipt member among the top-level members and checks its type and spelling.
    private static func locateFields(_ line: UnsafeRawBufferPointer, _ members: [CanonicalJSONScanner.Member])
        -> Located
    {
        var actor = -1, body = -1, hash = -1, kind = -1, mac = -1, prev = -1, seq = -1, ts = -1, v = -1
        for index in members.indices {
            let member = members[index]
            let key = UnsafeRawBufferPointer(rebasing: line[member.keyStart..<member.keyEnd])
            switch key.count {
            case 1 where equals(key, "v"): v = index
            case 2 where equals(key, "ts"): ts = index
            case 3 where equals(key, "seq"): seq = index
            case 3 where equals(key, "mac"): mac = index
            case 4 where equals(key, "body"): body = index
            case 4 where equals(key, "hash"): hash = index
            case 4 where equals(key, "kind"): kind = index
            case 4 where equals(key, "prev"): prev = index
            case 5 where equals(key, "actor"): actor = index
            default: return .problem("unknown member \"\(String(decoding: key, as: UTF8.self))\"")
            }
        }
        // Checked one by one, not through an array of pairs: that array cost an allocation per
        // line (docs/performance.md). The first missing member in key order is named.
        func missing(_ name: String) -> Located { .problem("the member \"\(name)\" is missing") }
        if actor < 0 { return missing("actor") }
        if body < 0 { return missing("body") }
        if hash < 0 { return missing("hash") }
        if kind < 0 { return missing("kind") }
        if prev < 0 { return missing("prev") }
        if seq < 0 { return missing("seq") }
        if ts < 0 { return missing("ts") }
        if v < 0 { return missing("v") }

        func value(_ index: Int) -> Range<Int> { members[index].valueStart..<members[index].valueEnd }
        func isString(_ index: Int) -> Bool { line[members[index].valueStart] == UInt8(ascii: "\"") }
        func inside(_ index: Int) -> Range<Int> { (members[index].valueStart + 1)..<(members[index].valueEnd - 1) }
        // Only the shape: the digits themselves are compared with a computed hash (`hash`,
        // `mac`) or the previous line's hash (`prev`), which catches anything but hex too.
        func isDigest(_ index: Int) -> Bool { value(index).count == 66 && isString(index) }
        /// The member with its comma: the one after it when there is one, else the one before.
        func cut(_ index: Int) -> Range<Int> {
            if index + 1 < members.count { return (members[index].keyStart - 1)..<(members[index + 1].keyStart - 1) }
            return members[index - 1].valueEnd..<members[index].valueEnd
        }

        guard value(v).count == 1, line[members[v].valueStart] == UInt8(ascii: "1") else {
            return .problem("\"v\" must be \(Receipt.formatVersion)")
        }
        let seqValue = value(seq)
        guard line[seqValue.lowerBound] != UInt8(ascii: "-"), line[seqValue.lowerBound] != UInt8(ascii: "\"") else {
            return .problem("\"seq\" must be a non-negative integer")
        }
        var number = 0
        for offset in seqValue {
            let digit = line[offset] &- UInt8(ascii: "0")
            guard digit <= 9 else { return .problem("\"seq\" must be a non-negative integer") }
            number = number &* 10 &+ Int(digit)
        }
        guard isString(ts), ReceiptTimestamp.isValid(UnsafeRawBufferPointer(rebasing: line[inside(ts)])) else {
            return .problem("\"ts\" must look like 2026-11-22T10:00:00Z")
        }
        guard isString(kind) else { return .problem("\"kind\" must be a string") }
        guard isString(actor) else { return .problem("\"actor\" must be a string") }
        guard line[members[body].valueStart] == UInt8(ascii: "{") else { return .problem("\"body\" must be an object") }
        guard isDigest(prev) else { return .problem("\"prev\" must be 64 lower-case hex digits") }
        guard isDigest(hash) else { return .problem("\"hash\" must be 64 lower-case hex digits") }
        guard mac < 0 || isDigest(mac) else { return .problem("\"mac\" must be 64 lower-case hex digits") }
        return .fields(
            Fields(
                seq: number, hash: inside(hash), prev: inside(prev), mac: mac < 0 ? nil : inside(mac), hashCut: cut(hash),
                macCut: mac < 0 ? nil : cut(mac)))
    }

    @inline(__always)
    private static func equals(_ key: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        bytesEqual(key, UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }
}
