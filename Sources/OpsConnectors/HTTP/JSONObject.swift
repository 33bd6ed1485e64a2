import Foundation

/// A top-level JSON object from a body, or nil for anything else (empty, HTML, an array).
enum JSONObject {
    static func parse(_ body: [UInt8]) -> [String: Any]? {
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
            first == UInt8(ascii: "{")
        else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}
