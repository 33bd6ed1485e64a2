import Testing
@testable import OpsCore

@Suite struct ChangeKindPatternTests {
    @Test(arguments: [("github.label.create", 3), ("github.label.*", 2), ("github.*", 1), ("*", 0)])
    func specificity(_ text: String, _ expected: Int) throws {
        let pattern = try #require(ChangeKindPattern(text))
        #expect(pattern.specificity == expected)
        #expect(pattern.description == text)
    }

    @Test func matching() throws {
        let exact = try #require(ChangeKindPattern("github.label.create"))
        #expect(exact.matches(kind: "github.label.create"))
        #expect(exact.matches(kind: "github.label.create.security"), "a change ID matches like its kind")
        #expect(!exact.matches(kind: "github.label.update"))
        #expect(!exact.matches(kind: "github.label"))

        let resource = try #require(ChangeKindPattern("supabase.table.*"))
        #expect(resource.matches(kind: "supabase.table.drop"))
        #expect(!resource.matches(kind: "supabase.tables.drop"))
        #expect(!resource.matches(kind: "supabase.table"))

        let scope = try #require(ChangeKindPattern("secrets.*"))
        #expect(scope.matches(kind: "secrets.sync.heroku"))
        #expect(!scope.matches(kind: "secretsx.sync.heroku"))

        #expect(ChangeKindPattern("*")?.matches(kind: "stripe.price.check") == true)
    }

    @Test(arguments: ["", "github..x", "github.*.update", "*.label", "github.label", "github", "github.label.create.extra",
                      "git*", "GitHub.label.*", "github.la bel.*", ".github.*", "github.*.*"])
    func malformedPatterns(_ text: String) {
        #expect(ChangeKindPattern(text) == nil)
    }
}
