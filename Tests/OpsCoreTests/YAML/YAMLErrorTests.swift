import Foundation
import Testing
@testable import OpsCore

private func parseError(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
    parseError(bytes: Array(text.utf8), limits: limits)
}

private func parseError(bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLError? {
    do {
        _ = try YAML.parse(SourceText(path: "bad.yaml", bytes: bytes), limits: limits)
        return nil
    } catch {
        return error as? YAMLError
    }
}

@Suite("YAML syntax errors")
struct YAMLSyntaxErrorTests {
    @Test func unterminatedQuotePointsWhereItOpened() throws {
        let error = try #require(parseError("""
            github:
              labels:
                - name: "bug
                  color: d73a4a
            """))
        #expect(error.location.line == 3)
        #expect(error.location.column == 13)
        #expect(error.message.contains("quoted scalar"))
        #expect(error.hint?.contains("close the quote") == true)
        // The place where reading stopped is kept as the secondary mark.
        #expect(error.contextLocation?.line == 4)
    }

    @Test func badIndentationNamesTheLine() throws {
        let error = try #require(parseError("a:\n  b: 1\n c: 2\n"))
        #expect(error.location.line == 3)
        #expect(error.sourceLine == " c: 2")
    }

    @Test func tabIndentationIsExplained() throws {
        let error = try #require(parseError("a:\n\tb: 1\n"))
        #expect(error.location.line == 2)
        #expect(error.hint?.contains("tab") == true)
    }

    @Test func unclosedFlowSequenceIsAnError() throws {
        let error = try #require(parseError("a: [1, 2\n"))
        #expect(error.location.line == 1)
        #expect(error.location.column == 4)
    }

    @Test func invalidUTF8IsAnEncodingError() throws {
        let error = try #require(parseError(bytes: Array("a: ok\nb: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)))
        guard case .invalidEncoding = error.reason else {
            Issue.record("expected an encoding error, got \(error.reason)")
            return
        }
        #expect(error.location.line == 2)
    }

    @Test func secondDocumentIsRefused() throws {
        let error = try #require(parseError("a: 1\n---\nb: 2\n"))
        #expect(error.reason == .multipleDocuments)
        #expect(error.location.line == 2)
    }

    @Test func unknownTagIsRefused() throws {
        let error = try #require(parseError("a: !python/object x\n"))
        #expect(error.reason == .unsupportedTag("!python/object"))
    }

    @Test func collectionKeysAreRefused() throws {
        let error = try #require(parseError("? [a, b]\n: 1\n"))
        #expect(error.reason == .nonScalarKey)
    }
}

@Suite("YAML limits")
struct YAMLLimitTests {
    @Test func documentsOver16MiBAreRefusedBeforeParsing() throws {
        let limit = YAMLLimits.default.maxDocumentBytes
        #expect(limit == 16 * 1024 * 1024)
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: limit + 1)
        let error = try #require(parseError(bytes: bytes))
        #expect(error.reason == .documentTooLarge(bytes: limit + 1, limit: limit))
    }

    @Test func aDocumentAtTheLimitIsRead() throws {
        let limits = YAMLLimits(maxDocumentBytes: 64)
        #expect(parseError(String(repeating: "#", count: 64), limits: limits) == nil)
        #expect(parseError(String(repeating: "#", count: 65), limits: limits)?.reason == .documentTooLarge(bytes: 65, limit: 64))
    }

    @Test func nestingDeeperThan256IsRefused() throws {
        let deep = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        let error = try #require(parseError(deep))
        #expect(error.reason == .nestingTooDeep(limit: 256))
        #expect(error.location.column == 257)
        let allowed = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(parseError(allowed) == nil)
    }

    @Test func deepBlockMappingsAreRefusedToo() throws {
        var text = ""
        for level in 0..<300 { text += String(repeating: " ", count: level) + "k:\n" }
        let error = try #require(parseError(text))
        #expect(error.reason == .nestingTooDeep(limit: 256))
        #expect(error.location.line == 257)
    }

    @Test func billionLaughsIsRefusedQuicklyAndCheaply() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        #expect(text.utf8.count < 1024)
        let clock = ContinuousClock()
        var error: YAMLError?
        let elapsed = clock.measure { error = parseError(text) }
        #expect(error?.reason == .aliasExpansionTooLarge(limit: YAMLLimits.default.maxAliasExpansion))
        #expect(elapsed < .seconds(1))
    }

    @Test func mergeKeysCountTowardsTheAliasBudget() throws {
        let limits = YAMLLimits(maxAliasExpansion: 10)
        let text = "base: &b {a: 1, b: 2, c: 3}\nx: {<<: *b}\ny: {<<: *b}\n"
        #expect(parseError(text, limits: limits)?.reason == .aliasExpansionTooLarge(limit: 10))
    }

    @Test func ordinaryAliasesStayWithinBudget() throws {
        var text = "common: &common {type: encrypted, targets: [production, preview]}\nenv:\n"
        for index in 0..<1000 { text += "  - {<<: *common, key: K\(index)}\n" }
        #expect(parseError(text) == nil)
    }
}
