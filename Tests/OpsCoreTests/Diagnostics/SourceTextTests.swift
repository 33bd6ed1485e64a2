import Testing

@testable import OpsCore

/// Quoting the offending line: exact for ordinary lines, bounded for huge ones, and cheap for
/// many diagnostics on one line (each finds its place from the last one, not from the start).
@Suite struct SourceTextTests {
    @Test func linesInAnyOrder() {
        let source = SourceText(path: "f", text: "one\r\ntwo\n\nfour\nfive")
        #expect(source.line(4) == "four")
        #expect(source.line(2) == "two")
        #expect(source.line(1) == "one")
        #expect(source.line(5) == "five")
        #expect(source.line(3) == "")
        #expect(source.line(6) == nil)
        #expect(source.line(0) == nil)
        #expect(source.line(5) == "five")
        let terminated = SourceText(path: "f", text: "a\n")
        #expect(terminated.line(2) == "" && terminated.line(3) == nil && terminated.line(1) == "a")
        #expect(SourceText(path: "f", text: "").line(1) == "" && SourceText(path: "f", text: "").line(2) == nil)
    }

    @Test func shortLineIsQuotedWhole() throws {
        let source = SourceText(path: "f", text: "version: 1\n  color: red\n")
        let diagnostic = source.diagnostic("bad", at: Mark(line: 2, column: 10))
        #expect(diagnostic.sourceLine == "  color: red" && diagnostic.sourceExcerpt == nil)
    }

    /// A 4 MB line with characters of one to four UTF-8 bytes: every diagnostic keeps a few
    /// kilobytes around its column, and the column still names the same character.
    @Test func hugeLineIsQuotedAsAWindowAroundEachColumn() throws {
        let pattern: [Unicode.Scalar] = ["a", "é", "漢", "😀", "b", "c", "\t"]
        var scalars = String.UnicodeScalarView()
        for index in 0..<1_000_000 { scalars.append(pattern[index % pattern.count]) }
        let line = Array(scalars)
        let source = SourceText(path: "big.yaml", text: "key:\n" + String(scalars) + "\nafter: 1\n")
        for column in [1, 2, 500, 1_500, 333_333, 999_000, 1_000_000, 1_000_001, 1_000_050] + [7, 3] {
            let diagnostic = source.diagnostic("bad", at: Mark(line: 2, column: column))
            let text = Array(try #require(diagnostic.sourceLine).unicodeScalars)
            let excerpt = try #require(diagnostic.sourceExcerpt, "column \(column)")
            let bytes = text.reduce(0) { $0 + UTF8.width($1) }
            // The start moves back to the first byte of a character: at most three more bytes.
            #expect(bytes <= SourceText.windowBytesBefore + SourceText.windowBytesAfter + 3)
            let index = column - excerpt.firstColumn
            if column <= line.count {
                #expect(index >= 0 && index < text.count && text[index] == line[column - 1], "column \(column)")
            } else {
                #expect(excerpt.firstColumn + text.count == line.count + 1 && !excerpt.continues)
            }
            // About 550 characters fit in the bytes kept before the column.
            #expect((excerpt.firstColumn == 1) == (column <= 500), "column \(column)")
            #expect(excerpt.continues == (column < line.count - SourceText.windowBytesAfter), "column \(column)")
        }
        #expect(source.line(3) == "after: 1")
    }

    @Test func windowEdgesFallOnCharacterBoundaries() throws {
        let line = String(repeating: "😀", count: 5_000)  // four bytes each
        let source = SourceText(path: "f", text: line)
        for column in [1, 300, 301, 2_500, 4_999, 5_000] {
            let diagnostic = source.diagnostic("bad", at: Mark(line: 1, column: column))
            let text = try #require(diagnostic.sourceLine)
            #expect(text.unicodeScalars.allSatisfy { $0 == "😀" }, "column \(column)")
            let excerpt = try #require(diagnostic.sourceExcerpt)
            #expect(column - excerpt.firstColumn < text.unicodeScalars.count)
        }
    }
}
