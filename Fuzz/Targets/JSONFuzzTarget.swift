import OpsCore

/// `JSONParser.parse`, the reader of plan files and receipts. Besides not crashing, a document
/// that parses must survive its own canonical form: parsing `JSONWriter.canonical` of it and
/// writing that again gives the same bytes, since receipts hash exactly those bytes.
public enum JSONFuzzTarget {
    public static func run(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes, sourceName: "fuzz.json") else { return }
        let canonical = JSONWriter.canonicalBytes(value)
        let reparsed: JSONValue
        do {
            reparsed = try JSONParser.parse(canonical, sourceName: "canonical.json")
        } catch {
            fatalError("the canonical form of a parsed document does not parse: \(error.diagnostic.message)")
        }
        guard JSONWriter.canonicalBytes(reparsed) == canonical else {
            fatalError("the canonical form of a parsed document is not stable")
        }
    }
}
