import Foundation
import Testing
@testable import OpsCore

/// Sections decoded at the same time report as if they had been decoded one after another.
@Suite struct ConcurrentSectionsTests {
    private static let source = SourceText(path: "desired-state.yaml", text: """
        big: [a, b, c, d, e, f, g, h]
        small: x
        """)

    private static func root() throws -> (value: ConfigValue, report: ConfigReport) {
        let document = try YAML.parse(source)
        let report = ConfigReport(source: source)
        return (ConfigValue(node: try #require(document.root), path: .root, report: report), report)
    }

    @Test func problemsComeBackInTheListedOrderAndOnce() throws {
        let (root, report) = try Self.root()
        var result: (big: Int?, small: String?) = (nil, nil)
        _ = root.mapping { file in
            // `big` is larger, so it starts first; `small` is listed first, so its problems come first.
            let small = DecodedSection(file["small"]) { value -> String? in
                value.error("small problem", hint: "h")
                value.error("shared problem", hint: "h")
                return value.string()
            }
            let big = DecodedSection(file["big"]) { value -> Int? in
                value.error("big problem", hint: "h")
                // The same diagnostic as `small`'s would be, at the same place: reported once.
                value.report.error("shared problem", at: Mark(line: 2, column: 8), hint: "h")
                return value.list { $0.string() }?.count
            }
            let absent = DecodedSection(file["absent"]) { _ -> Int? in 1 }
            #expect(big.weight > small.weight)
            ConcurrentSections.decode([small, big, absent], into: file.value.report)
            result = (big.model, small.model)
            return 0
        }
        #expect(result.big == 8)
        #expect(result.small == "x")
        #expect(report.diagnostics.map(\.message) == ["small problem", "shared problem", "big problem"])
        #expect(report.diagnostics.map(\.lineColumn) == ["2:8", "2:8", "1:6"])
        // Every error counts, as when one report saw them all, even the one shown once.
        #expect(report.errorCount == 4)
    }

    @Test func aLargeFileDecodesTheSameAsSectionBySection() throws {
        var lines = ["version: 1", "github:", "  labels:"]
        for index in 0..<300 { lines.append("    - { name: label-\(index), color: \(index == 7 ? "zzzzzz" : "ededed") }") }
        lines += ["vercel:", "  envVars:"]
        for index in 0..<300 { lines.append("    - { key: VAR_\(index), targets: [production\(index == 5 ? ", nowhere" : "")] }") }
        func place(of text: String) -> String {
            let line = lines.firstIndex { $0.contains(text) }!
            return "\(line + 1):\(lines[line].components(separatedBy: text)[0].count + 1)"
        }
        let result = ConfigFixture.desiredState(lines.joined(separator: "\n") + "\n")
        #expect(result.model?.github?.labels.count == 299)
        #expect(result.model?.vercel?.envVars.count == 299)
        #expect(result.diagnostics.map(\.lineColumn) == [place(of: "zzzzzz"), place(of: "nowhere")])
    }
}
