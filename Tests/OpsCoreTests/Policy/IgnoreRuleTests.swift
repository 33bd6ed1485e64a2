import Foundation
import OpsCore
import OpsTesting
import Testing

/// `ignore:` rules: how patterns match, what they hide, what they never hide, and how they
/// are declared.
@Suite("Ignore rules")
struct IgnoreRuleTests {
    static let rule = IgnoreRule(match: "github.label.*.wontfix", reason: "kept", owner: "carol@example.com")

    @Test(arguments: [
        ("github.label.*.wontfix", "github.label.unmanaged.wontfix", true),
        ("github.label.*.wontfix", "github.label.delete.wontfix", true),
        ("github.label.*.wontfix", "github.label.update.wontfix2", false),
        ("github.label.*.wontfix", "github.label.wontfix", false),
        ("github.**", "github.label.update.bug", true),
        ("github.**.bug", "github.label.update.bug", true),
        ("vercel.env.*.*", "vercel.env.add.KEY", true),
        ("vercel.env.*.*", "github.env.add.KEY", false),
        ("**", "supabase.table.drop.public.t", true),
    ])
    func patterns(pattern: String, id: String, matches: Bool) {
        #expect(IgnoreRule(match: pattern, reason: "r", owner: "o").matches(id) == matches)
    }

    @Test func aRuleInForceHidesTheChangeAndTheCheckNamingItButNeverAnError() {
        let change = ChangeFactory.change("github.label.update.wontfix")
        let error = ChangeFactory.check("github.label.wontfix", scope: .github, status: .error, message: "500")
        let unmanaged = Check.unmanaged(.github, resource: "label", name: "wontfix", collection: "labels", description: "the label 'wontfix'")
        let other = ChangeFactory.change("github.label.update.bug")
        let result = IgnoreFilter(rules: [Self.rule], now: Date()).apply(
            checks: [ChangeFactory.failingCheck(for: change), error, unmanaged, ChangeFactory.failingCheck(for: other)],
            changes: [change, other]
        )
        #expect(result.changes.map(\.id) == [other.id])
        #expect(result.checks.map(\.id) == ["github.label.wontfix", "github.label.bug"])
        #expect(result.checks.first?.status == .error, "an error is never ignored")
        #expect(result.ignored == 3)
    }

    @Test func anExpiredRuleHidesNothingAndSaysSo() {
        var rule = Self.rule
        rule.expires = Date(timeIntervalSince1970: 1_000)
        let unmanaged = Check.unmanaged(.github, resource: "label", name: "wontfix", collection: "labels", description: "the label 'wontfix'")
        let result = IgnoreFilter(rules: [rule], now: Date(timeIntervalSince1970: 2_000)).apply(checks: [unmanaged], changes: [])
        #expect(result.checks.map(\.status) == [.unmanaged, .warning])
        #expect(result.checks[1].message.contains("expired on 1970-01-01"))
        #expect(result.ignored == 0)
    }

    static func policy(_ ignore: String) -> LoadResult<ChangePolicy> {
        ConfigLoader.loadChangePolicy(SourceText(path: "change-policy.yaml", text: "version: 1\nignore:\n" + ignore))
    }

    @Test func rulesAreDeclaredWithReasonOwnerAndExpiry() throws {
        let loaded = Self.policy("""
              - { match: "github.label.*.wontfix", reason: kept for old issues, owner: carol@example.com, expires: 2027-01-31 }
              - { match: "vercel.**", reason: migration in progress, owner: "github:dave" }
            """)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let rules = try #require(loaded.model?.ignore)
        #expect(rules.map(\.match) == ["github.label.*.wontfix", "vercel.**"])
        #expect(rules[0].expires == Date(timeIntervalSince1970: 1_801_353_600))
        #expect(rules[1].expires == nil)
        #expect(rules[0].location?.line == 3)
    }

    @Test(arguments: [
        ("- { match: \"github.**\", owner: carol@example.com }", "is missing the required key 'reason'"),
        ("- { match: \"github.**\", reason: because }", "is missing the required key 'owner'"),
        ("- { match: \"gthub.**\", reason: r, owner: carol@example.com }", "did you mean 'github'?"),
        ("- { match: \"github\", reason: r, owner: carol@example.com }", "must be a pattern of dot-separated parts"),
        ("- { match: \"github.**\", reason: r, owner: carol@example.com, expires: soon }", "must be a date such as 2027-01-31"),
        ("- { match: \"github.**\", reason: r, owner: carol@example.com, until: 2027-01-01 }", "unknown key 'until'"),
    ])
    func incompleteRulesAreValidationErrors(entry: String, expected: String) {
        let loaded = Self.policy("  " + entry + "\n")
        let text = loaded.diagnostics.map { "\($0.message) \($0.hint ?? "")" }.joined(separator: "\n")
        #expect(loaded.hasErrors)
        #expect(text.contains(expected), "\(text)")
    }
}
