import Testing
@testable import OpsCore

@Test func smokeParse() throws {
    let doc = try YAML.parse(SourceText(path: "t.yaml", text: "a: &x {b: 1}\nc:\n  <<: *x\n  d: \"q\"\n"))
    #expect(doc.root?["c"]?["b"]?.resolved == .int(1))
    #expect(doc.root?["c"]?["d"]?.mark == Mark(line: 4, column: 6))
}
