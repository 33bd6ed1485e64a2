import Foundation
import Testing

@testable import OpsCore

/// The pointer-written bytes of the plan file's writer: growth keeps what was written, and its
/// escaping is `JSONWriter`'s, byte for byte.
@Suite struct OutputBytesTests {
    @Test func growingKeepsEveryByteWritten() {
        var bytes = OutputBytes()
        var expected: [UInt8] = []
        var generator = SplitMix64(seed: 7)
        for round in 0..<2_000 {
            switch round % 4 {
            case 0:
                let byte = UInt8.random(in: 0...255, using: &generator)
                bytes.append(byte)
                expected.append(byte)
            case 1:
                let piece = (0..<Int.random(in: 0...700, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                bytes.append(piece)
                expected += piece
            case 2:
                bytes.append("\"name\": ")
                expected += Array("\"name\": ".utf8)
            default:
                let number = Int.random(in: Int.min...Int.max, using: &generator)
                bytes.appendJSONInt(number)
                expected += Array(String(number).utf8)
            }
            #expect(bytes.count == expected.count)
        }
        #expect(bytes.bytes == expected)
        var copy = OutputBytes()
        bytes.copy(from: 1_000, to: &copy)
        #expect(copy.bytes == Array(expected[1_000...]))
        bytes.removeAll()
        #expect(bytes.isEmpty && bytes.bytes.isEmpty)
    }

    /// Handing the storage over gives the bytes written and nothing of the spare room.
    @Test func takingTheBytesGivesWhatWasWritten() {
        var written = OutputBytes(capacity: 4)
        let expected = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
        for byte in expected { written.append(byte) }
        #expect(written.takeBytes() == expected)
    }

    /// A copy is a value of its own, as an array is.
    @Test func copiesDoNotShareWrites() {
        var original = OutputBytes()
        original.append([1, 2, 3])
        var copy = original
        copy.append(4)
        original.append(9)
        #expect(original.bytes == [1, 2, 3, 9])
        #expect(copy.bytes == [1, 2, 3, 4])
    }

    @Test func integersAreWrittenAsStringWritesThem() {
        for number in [0, 7, -7, 10, 99, 100, -100, 1_000_000_007, Int.max, Int.min, Int.max - 1, Int.min + 1] {
            var bytes = OutputBytes()
            bytes.appendJSONInt(number)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == String(number))
            var array: [UInt8] = []
            JSONWriter.writeInt(number, into: &array)
            #expect(array == bytes.bytes)
        }
    }

    /// JSON's minimal escapes spelled out byte by byte, the plain way: what the eight-byte
    /// escaper must agree with.
    static func referenceEscaped(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): output += Array(#"\\"#.utf8)
            case 0x08: output += Array(#"\b"#.utf8)
            case 0x09: output += Array(#"\t"#.utf8)
            case 0x0A: output += Array(#"\n"#.utf8)
            case 0x0C: output += Array(#"\f"#.utf8)
            case 0x0D: output += Array(#"\r"#.utf8)
            case ..<0x20: output += Array(String(format: "\\u%04x", Int(byte)).utf8)
            default: output.append(byte)
            }
        }
        return output
    }

    /// Texts mixing plain ASCII runs of every length around the eight-byte steps with the
    /// bytes that need escapes and with non-ASCII characters: the escaper writes what the
    /// plain byte-by-byte escapes give, and the result parses back to the text.
    @Test func escapingAgreesWithTheReferenceAndParsesBack() throws {
        let pieces = ["a", "plain ascii", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{C}", "\u{0}", "\u{1F}", "\u{7F}", "é", "😀", "/", "\u{2028}"]
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text += String(repeating: "x", count: Int.random(in: 0...17, using: &generator))
                text += pieces.randomElement(using: &generator)!
            }
            var bytes = OutputBytes()
            bytes.appendJSONEscaped(text)
            let reference = Self.referenceEscaped(text)
            #expect(bytes.bytes == reference, "\(text.debugDescription)")
            var quoted = OutputBytes()
            quoted.appendJSONString(text)
            #expect(quoted.bytes == [UInt8(ascii: "\"")] + reference + [UInt8(ascii: "\"")])
            let parsed = try JSONParser.parse([UInt8(ascii: "\"")] + bytes.bytes + [UInt8(ascii: "\"")])
            #expect(parsed == .string(text))
        }
    }
}
