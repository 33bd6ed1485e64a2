import Testing

@testable import OpsCore

/// A credential that cannot be sent as it is must be named when it is read, never sent: with a
/// newline in it Foundation drops the `Authorization` header without a word, and the service's
/// 401 then blames a token that is fine apart from the newline.
@Suite struct CredentialValueTests {
    static let secret = "ghp_Z9secretTOKENvalue42"

    static let unusable: [(value: String, expected: String)] = [
        (secret + "\n", "OPS_GITHUB_TOKEN ends with a newline; remove it (echo -n"),
        (secret + "\r\n", "OPS_GITHUB_TOKEN ends with a newline; remove it"),
        (secret + "\r", "OPS_GITHUB_TOKEN ends with a carriage return; remove it"),
        (secret + "\u{2028}", "OPS_GITHUB_TOKEN ends with a newline"),
        (" " + secret, "OPS_GITHUB_TOKEN starts with white space; remove it"),
        (secret + "\t", "OPS_GITHUB_TOKEN ends with white space; remove it"),
        (secret + "\u{00A0}", "OPS_GITHUB_TOKEN ends with white space"),
        ("ghp_\u{0}" + secret, "OPS_GITHUB_TOKEN contains the invisible character U+0000 at character 5; remove it"),
        ("ghp_" + secret + "\u{7F}x", "contains the invisible character U+007F"),
        ("ghp_\u{85}" + secret, "contains the invisible character U+0085 at character 5"),
        ("\u{FEFF}" + secret, "contains the invisible character U+FEFF at character 1"),
        ("ghp_\u{200B}" + secret, "contains the invisible character U+200B at character 5"),
        ("ghp_\n" + secret, "contains the invisible character U+000A at character 5"),
    ]

    @Test(arguments: unusable.indices)
    func unusableValueIsNamedWithoutTheValue(_ index: Int) throws {
        let (value, expected) = Self.unusable[index]
        let redactor = Redactor(registry: SecretRegistry())
        let context = ConnectorContext(
            environment: ["OPS_GITHUB_TOKEN": value, "OPS_GITHUB_OWNER": "acme"], redactor: redactor)
        guard case .failure(let problem) = context.settings(secrets: ["OPS_GITHUB_TOKEN"], plain: ["OPS_GITHUB_OWNER"])
        else {
            Issue.record("accepted \(value.unicodeScalars.map { String($0.value, radix: 16) })")
            return
        }
        #expect(problem.message.contains(expected), "\(problem.message)")
        #expect(problem.variables == ["OPS_GITHUB_TOKEN"])
        #expect(!problem.message.contains("Z9secret") && !problem.message.contains("not set"))
        // Still registered: a caller that logs the value by mistake shows it masked.
        #expect(!redactor.redact("token=\(value)").contains("Z9secret"))
    }

    @Test func plainVariablesAreCheckedTooAndMissingOnesStillNamed() {
        let context = ConnectorContext(
            environment: ["OPS_GITHUB_TOKEN": Self.secret, "OPS_GITHUB_OWNER": "acme\n"],
            redactor: Redactor(registry: SecretRegistry()))
        guard case .failure(let problem) = context.settings(
            secrets: ["OPS_GITHUB_TOKEN"], plain: ["OPS_GITHUB_OWNER", "OPS_GITHUB_REPO"])
        else {
            Issue.record("accepted an owner ending in a newline")
            return
        }
        #expect(problem.variables == ["OPS_GITHUB_REPO", "OPS_GITHUB_OWNER"])
        #expect(problem.message.hasPrefix("OPS_GITHUB_REPO is not set; OPS_GITHUB_OWNER ends with a newline; remove it"))
    }

    @Test func usableValuesPassUntouched() throws {
        let values = ["OPS_GITHUB_TOKEN": Self.secret, "OPS_GITHUB_OWNER": "acme", "URL": "postgres://u:p w@h/db?x=é"]
        let context = ConnectorContext(environment: values, redactor: Redactor(registry: SecretRegistry()))
        let settings = try context.settings(secrets: ["OPS_GITHUB_TOKEN", "URL"], plain: ["OPS_GITHUB_OWNER"]).get()
        #expect(settings == values)
    }

    @Test func combiningKeepsEveryReason() {
        let database = MissingCredentials(variables: ["SUPABASE_DB_URL"])
        let storage = MissingCredentials(
            variables: ["SUPABASE_SERVICE_ROLE_KEY"], problem: "SUPABASE_SERVICE_ROLE_KEY ends with a newline; remove it")
        #expect(
            database.combined(with: storage).message
                == "SUPABASE_DB_URL is not set; SUPABASE_SERVICE_ROLE_KEY ends with a newline; remove it")
        #expect(database.combined(with: database).message == "SUPABASE_DB_URL, SUPABASE_DB_URL are not set")
    }
}
