import Testing
import OpsCore

@Suite struct HTTPFieldLineTests {
    private static func field(_ text: String) -> HTTPFieldLine? {
        HTTPFieldLine(bytes: Array(text.utf8))
    }

    @Test func theValueLosesTheWhiteSpaceAroundItAndTheLineEnd() {
        #expect(Self.field("Content-Type: \t application/json \t\r\n") == HTTPFieldLine(name: "Content-Type", value: "application/json"))
        #expect(Self.field("Link:<https://x/?page=2>; rel=\"next\"\n")?.value == "<https://x/?page=2>; rel=\"next\"")
        // Only SP and HTAB are optional white space: other bytes stay, white space inside too.
        #expect(Self.field("X-Note: a \t b\u{0B}")?.value == "a \t b\u{0B}")
    }

    @Test func anEmptyValueAndAColonInTheValue() {
        #expect(Self.field("X-Empty:   \r\n") == HTTPFieldLine(name: "X-Empty", value: ""))
        #expect(Self.field("Location: http://host:8080/path") == HTTPFieldLine(name: "Location", value: "http://host:8080/path"))
    }

    @Test func aLineWithoutAColonIsNoField() {
        #expect(Self.field("not a field\r\n") == nil)
        #expect(Self.field("\r\n") == nil)
        #expect(Self.field("") == nil)
    }

    @Test func whatAStrictReaderRefusesIsMarked() throws {
        let folded = try #require(Self.field(" continued: value"))
        #expect(folded.startsWithWhiteSpace)
        #expect(!folded.isToken, "a name with white space is no token")
        #expect(try #require(Self.field("Bad Name: x")).isToken == false)
        #expect(try #require(Self.field(": x")).isToken == false)
        #expect(try #require(Self.field("X-Ok_1.~!: x")).isToken)
        #expect(try #require(Self.field("X-Ok: x")).startsWithWhiteSpace == false)
    }

    @Test func bytesOfAnySliceReadTheSame() {
        let bytes = Array("skip\r\nHost: example.test\r\n".utf8)
        #expect(HTTPFieldLine(bytes: bytes[6...]) == HTTPFieldLine(name: "Host", value: "example.test"))
    }
}
