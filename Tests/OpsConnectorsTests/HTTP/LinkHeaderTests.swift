import Testing

@testable import OpsConnectors

@Suite("Link header")
struct LinkHeaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var header: String
        /// (uri, rel) pairs expected, in order.
        var links: [(String, String)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "GitHub's four relations",
            header: #"<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first""#,
            links: [
                ("https://api.github.com/repositories/1300192/issues?page=2", "prev"),
                ("https://api.github.com/repositories/1300192/issues?page=4", "next"),
                ("https://api.github.com/repositories/1300192/issues?page=515", "last"),
                ("https://api.github.com/repositories/1300192/issues?page=1", "first"),
            ]),
        Case(name: "one link", header: #"<https://x/a?page=2>; rel="next""#, links: [("https://x/a?page=2", "next")]),
        Case(name: "no spaces", header: #"<https://x/2>;rel="next",<https://x/9>;rel="last""#,
             links: [("https://x/2", "next"), ("https://x/9", "last")]),
        Case(name: "unquoted rel", header: "<https://x/2>; rel=next", links: [("https://x/2", "next")]),
        Case(name: "upper-case names", header: #"<https://x/2>; REL="Next""#, links: [("https://x/2", "next")]),
        Case(
            name: "quoted parameters containing separators",
            header: #"<https://x/2>; title="a, b; c"; rel="next", <https://x/3>; rel="last""#,
            links: [("https://x/2", "next"), ("https://x/3", "last")]),
        Case(name: "escaped quote in a parameter", header: #"<https://x/2>; title="say \"hi\", ok"; rel="next""#,
             links: [("https://x/2", "next")]),
        Case(name: "comma inside the URI", header: #"<https://x/items?ids=1,2,3&page=2>; rel="next""#,
             links: [("https://x/items?ids=1,2,3&page=2", "next")]),
        Case(name: "cursor pagination", header: #"<https://x/events?after=Y3Vyc29yOnYyOpK0&per_page=100>; rel="next""#,
             links: [("https://x/events?after=Y3Vyc29yOnYyOpK0&per_page=100", "next")]),
        Case(name: "relative reference", header: #"</github/repos/o/r/labels?page=2>; rel="next""#,
             links: [("/github/repos/o/r/labels?page=2", "next")]),
        Case(name: "garbage before a good link", header: #"garbage, <https://x/2>; rel="next""#, links: [("https://x/2", "next")]),
        Case(name: "empty", header: "", links: []),
        Case(name: "only separators", header: " , ,, ", links: []),
        Case(name: "unterminated URI", header: #"<https://x/2; rel="next""#, links: []),
        Case(name: "unterminated quote", header: #"<https://x/2>; rel="next"#, links: [("https://x/2", "next")]),
    ]

    @Test(arguments: cases)
    func parses(_ testCase: Case) {
        let links = LinkHeader.parse(testCase.header)
        #expect(links.map(\.uri) == testCase.links.map(\.0))
        #expect(links.map { $0.relations.first ?? "" } == testCase.links.map(\.1))
    }

    @Test func severalRelationsInOneParameter() {
        let links = LinkHeader.parse(#"<https://x/9>; rel="next last""#)
        #expect(links.first?.relations == ["next", "last"])
        #expect(LinkHeader.uri(rel: "last", in: #"<https://x/9>; rel="next last""#) == "https://x/9")
    }

    @Test func firstOccurrenceOfAParameterWins() {
        let links = LinkHeader.parse(#"<https://x/2>; rel="next"; rel="prev""#)
        #expect(links.first?.parameters["rel"] == "next")
    }

    @Test func lookupByRelation() {
        let header = #"<https://x/1>; rel="prev", <https://x/3>; rel="next""#
        #expect(LinkHeader.uri(rel: "next", in: header) == "https://x/3")
        #expect(LinkHeader.uri(rel: "NEXT", in: header) == "https://x/3")
        #expect(LinkHeader.uri(rel: "last", in: header) == nil)
    }
}
