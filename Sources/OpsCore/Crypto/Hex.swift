/// Lower-case hexadecimal, the form every digest in plan files and receipts is written in.
package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output = [UInt8]()
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes `2 * bytes.count` lower-case hex digits to `output` (no allocation, for hot loops).
    static func encode(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= bytes.count * 2, "hex output buffer too small")
        guard let source = bytes.baseAddress, let target = output.baseAddress else { return }
        var index = 0
        while index < bytes.count {
            let byte = source.load(fromByteOffset: index, as: UInt8.self)
            // 0x30 is "0", 0x57 + 10 is "a".
            let high = byte >> 4
            let low = byte & 0x0F
            target.storeBytes(of: high < 10 ? 0x30 + high : 0x57 + high, toByteOffset: 2 * index, as: UInt8.self)
            target.storeBytes(of: low < 10 ? 0x30 + low : 0x57 + low, toByteOffset: 2 * index + 1, as: UInt8.self)
            index += 1
        }
    }

    /// Decodes hex digits of either case; nil for an odd length or any other character.
    package static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var output = [UInt8]()
        output.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(of: utf8[index]), let low = value(of: utf8[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    /// True for a string of exactly `count` lower-case hex digits, the only spelling receipts allow.
    package static func isLowercaseHex(_ text: String, count: Int) -> Bool {
        var seen = 0
        for byte in text.utf8 {
            guard isLowercaseDigit(byte) else { return false }
            seen += 1
        }
        return seen == count
    }

    @inline(__always)
    static func isLowercaseDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
