import Testing

@testable import OpsCore

/// The verifier trusts `CanonicalJSONScanner` to say exactly what parse-then-write would:
/// `canonical(parse(bytes)) == bytes`. These tests check that claim on every single-byte
/// variant of some canonical documents, against the slow reference.
@Suite struct CanonicalScannerAgreementTests {
    static let documents: [String] = [
        #"{"actor":"alice@example.com","body":{"changeId":"github.label.create.security","n":-12,"ok":true,"x":null},"hash":"fd1face36cffe8a2e914483402b7ad14556a5e16a81e3732b16ba3e783419798","kind":"approve","prev":"0000000000000000000000000000000000000000000000000000000000000000","seq":0,"ts":"2026-11-22T10:00:00Z","v":1}"#,
        "{\"\":[],\"a\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\",\"b\":[0,-1,9223372036854775807],\"\u{E9}\":\"\u{2028}/\",\"\u{1F600}\":{},\"\u{FB01}\":\"K\u{212A}\"}",
    ]

    @Test(arguments: documents)
    func everySingleByteVariantAgreesWithParseThenWrite(_ document: String) {
        let original = Array(document.utf8)
        var scanner = CanonicalJSONScanner()
        #expect(original.withUnsafeBytes { scanner.scanTopLevelObject($0) })
        var variant = original
        var disagreements: [String] = []
        for offset in original.indices {
            for byte in UInt8.min...UInt8.max where byte != original[offset] {
                variant[offset] = byte
                let scanned = variant.withUnsafeBytes { scanner.scanTopLevelObject($0) }
                if scanned != Self.referenceIsCanonicalObject(variant) {
                    disagreements.append("offset \(offset) byte \(byte): scanner says \(scanned)")
                }
            }
            variant[offset] = original[offset]
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    @Test(arguments: documents)
    func everyDeletionAndInsertedSpaceAgrees(_ document: String) {
        let original = Array(document.utf8)
        var scanner = CanonicalJSONScanner()
        for offset in original.indices {
            var deleted = original
            deleted.remove(at: offset)
            var spaced = original
            spaced.insert(UInt8(ascii: " "), at: offset)
            for variant in [deleted, spaced] {
                let scanned = variant.withUnsafeBytes { scanner.scanTopLevelObject($0) }
                #expect(scanned == Self.referenceIsCanonicalObject(variant), "offset \(offset)")
            }
        }
    }

    @Test func nestingAtTheLimit() {
        var scanner = CanonicalJSONScanner()
        let deepest = "{\"a\":" + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}"
        let tooDeep = "{\"a\":" + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}"
        for text in [deepest, tooDeep] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBytes { scanner.scanTopLevelObject($0) } == Self.referenceIsCanonicalObject(bytes))
        }
    }

    static func referenceIsCanonicalObject(_ bytes: [UInt8]) -> Bool {
        guard let value = try? JSONParser.parse(bytes), case .object = value else { return false }
        return JSONWriter.canonicalBytes(value) == bytes
    }
}
