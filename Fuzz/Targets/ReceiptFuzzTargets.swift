@testable import OpsCore

/// The key the receipt seeds were sealed with (`Fuzz/make-seeds.sh`), so seeds pass the MAC
/// check and mutations start from intact lines.
public let fuzzReceiptKey: [UInt8] = Array("opsctl-fuzz-receipts-mac-key-000".utf8)

/// Random bytes almost never carry a right SHA-256, so the fuzzer alone would stop at the hash
/// check. A resealed line is the input's JSON object with `hash` and `mac` computed afresh
/// (and `prev`, when given), written canonically: what the checker and the verifier do after
/// the hash check is fuzzed through it.
enum Resealing {
    static func reseal(_ line: ArraySlice<UInt8>, prev: String?) -> (line: [UInt8], hash: String)? {
        guard case .object(var members)? = try? JSONParser.parse(Array(line)) else { return nil }
        members.removeValue(forKey: "hash")
        members.removeValue(forKey: "mac")
        if let prev { members["prev"] = .string(prev) }
        let sealed = JSONWriter.canonicalBytes(.object(members))
        do {
            let hash = Hex.encode(try SHA256.hash(sealed))
            members["hash"] = .string(hash)
            members["mac"] = .string(Hex.encode(try HMACSHA256.authenticationCode(for: sealed, key: fuzzReceiptKey)))
            return (JSONWriter.canonicalBytes(.object(members)), hash)
        } catch {
            fatalError("libcrypto failed: \(error)")
        }
    }
}

/// One stored receipt line (without its newline) through the line checker, with and without
/// a MAC key, through the seq look-ahead, and through the receipt parser that `list` and
/// `apply` use. The resealed line must get the same answer from both: a line the checker
/// passes is one `receipts verify` calls intact, so the parser must read it.
public enum ReceiptLineFuzzTarget {
    public static func run(_ bytes: [UInt8]) {
        let keyed: ReceiptLineChecker
        let unkeyed: ReceiptLineChecker
        do {
            keyed = try ReceiptLineChecker(key: fuzzReceiptKey)
            unkeyed = try ReceiptLineChecker(key: nil)
        } catch {
            fatalError("libcrypto failed: \(error)")
        }
        bytes.withUnsafeBytes { line in
            _ = try? keyed.check(line)
            _ = try? unkeyed.check(line)
            _ = keyed.readSeq(line)
        }
        _ = ReceiptLog.parse(bytes)

        // `prev` is left to the chain (the checker looks at its shape only), so it is set here.
        guard let resealed = Resealing.reseal(bytes[...], prev: Receipt.genesisHash) else { return }
        let outcome = resealed.line.withUnsafeBytes { line in
            do { return try keyed.check(line) } catch { fatalError("libcrypto failed: \(error)") }
        }
        switch (outcome, ReceiptLog.parse(resealed.line)) {
        case (.valid, .failure(let problem)):
            fatalError("the line checker passes a receipt line that the receipt parser refuses: \(problem.detail)")
        case (.valid, .success), (_, .failure):
            break
        case (let refusal, .success):
            fatalError("the receipt parser reads a sealed canonical line that the line checker refuses: \(refusal)")
        }
    }
}

/// A whole log held in memory through the chain verifier, with and without a MAC key and
/// with an expected head, as `opsctl receipts verify` and `apply` check it. Then the same
/// lines resealed and linked (each `prev` the hash before it): if the verifier calls that
/// log intact, every line must read as a receipt with the next seq, as `list` and `apply`
/// will read them.
public enum ReceiptChainFuzzTarget {
    public static func run(_ bytes: [UInt8]) {
        _ = try? ReceiptLog.verify(bytes: bytes, key: fuzzReceiptKey)
        _ = try? ReceiptLog.verify(bytes: bytes, key: nil, expectHead: ExpectedHead(seq: 1, hash: String(repeating: "a", count: 64)))

        var relinked: [UInt8] = []
        var previous = Receipt.genesisHash
        for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            if let resealed = Resealing.reseal(line, prev: previous) {
                relinked += resealed.line
                previous = resealed.hash
            } else {
                relinked += line
            }
            relinked.append(10)
        }
        relinked.removeLast()
        let report: VerificationReport
        do {
            report = try ReceiptLog.verify(bytes: relinked, key: fuzzReceiptKey)
        } catch {
            fatalError("verify threw for an in-memory log: \(error)")
        }
        guard report.failure == nil else { return }
        var expectedSeq = 0
        for line in relinked.split(separator: 10) {
            switch ReceiptLog.parse(Array(line)) {
            case .success(let receipt):
                guard receipt.seq == expectedSeq else {
                    fatalError("an intact log has seq \(receipt.seq) where \(expectedSeq) belongs")
                }
            case .failure(let problem):
                fatalError("an intact log holds a line the receipt parser refuses: \(problem.detail)")
            }
            expectedSeq += 1
        }
        guard report.entries == expectedSeq else {
            fatalError("the verifier counts \(report.entries) entries in a log of \(expectedSeq) receipts")
        }
    }
}
