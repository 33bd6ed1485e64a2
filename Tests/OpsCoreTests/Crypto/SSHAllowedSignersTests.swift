import Foundation
import OpsCore
import Testing

/// The allowed_signers format and OpenSSH's pattern lists, without any key generation: the
/// keys are fixed public keys written for these tests.
struct SSHAllowedSignersTests {
    static let ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHFsghvi+pbfmMVdiwOdPBMSNelM/6nOQhC8qBfADDFD"

    @Test func linesCommentsAndOptionsAreRead() {
        let text = """
            # team signers

            alice@example.com \(Self.ed25519) alice's laptop
            "bob@example.com,carol@example.com" namespaces="opsctl-approval@v1,git",valid-after=20260101,valid-before="20271231235959Z" \(Self.ed25519)
            *@ops.example.com cert-authority \(Self.ed25519)
            """
        let parsed = SSHAllowedSigners.parse(text, path: ".opsctl/allowed_signers")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        let entries = parsed.signers.entries
        #expect(entries.count == 3)
        #expect(entries[0].principals == "alice@example.com")
        #expect(entries[0].key.type == "ssh-ed25519")
        #expect(entries[1].principals == "bob@example.com,carol@example.com")
        #expect(entries[1].namespaces == "opsctl-approval@v1,git")
        #expect(entries[1].validBefore == utc("2027-12-31T23:59:59Z"))
        #expect(entries[1].validAfter != nil)
        #expect(entries[2].certificateAuthority)
        #expect(entries[2].location.line == 5)
        #expect(parsed.signers.entries(for: entries[0].key).count == 2)
    }

    @Test func problemsNameTheFileLineAndColumn() {
        let text = """
            alice@example.com namespace="x" \(Self.ed25519)
            bob@example.com valid-before=2027-01-01 \(Self.ed25519)
            carol@example.com ssh-ed25519 not-base64!
            dave@example.com ssh-rsa \(Self.ed25519.split(separator: " ")[1])
            erin@example.com
            frank@example.com cert-authority,cert-authority \(Self.ed25519)
            """
        let diagnostics = SSHAllowedSigners.parse(text, path: "signers").diagnostics
        #expect(diagnostics.map { $0.location?.description ?? "" } == [
            "signers:1:19", "signers:2:17", "signers:3:31", "signers:4:18", "signers:5:17", "signers:6:34",
        ])
        #expect(diagnostics[0].message == "unknown option 'namespace=\"x\"'")
        #expect(diagnostics[0].hint == "did you mean 'namespaces'?")
        #expect(diagnostics[1].message.hasPrefix("valid-before must be a time such as 20270131"))
        #expect(diagnostics[2].message == "the key is not valid base64")
        #expect(diagnostics[3].message == "the key is of type ssh-ed25519, but the line says ssh-rsa")
        #expect(diagnostics[4].message == "the line names principals but no key")
        #expect(diagnostics[5].message == "the option cert-authority is given twice")
        #expect(diagnostics.allSatisfy { $0.sourceLine != nil && $0.hint != nil })
    }

    @Test func aMissingFileIsOneProblemAtTheReference() {
        let reference = SourceLocation(file: "change-policy.yaml", line: 3, column: 17)
        let parsed = SSHAllowedSigners.load(path: "/nonexistent/allowed_signers", reference: reference)
        #expect(parsed.diagnostics.count == 1)
        #expect(parsed.diagnostics[0].location == reference)
        #expect(parsed.diagnostics[0].message.contains("does not exist"))
    }

    @Test func patternListsFollowOpenSSH() {
        #expect(SSHPrincipalPattern.listMatches("alice@example.com", "alice@example.com"))
        #expect(!SSHPrincipalPattern.listMatches("alice@example.com", "Alice@example.com"))
        #expect(SSHPrincipalPattern.listMatches("*@example.com", "bob@example.com"))
        #expect(!SSHPrincipalPattern.listMatches("*@example.com", "bob@example.org"))
        #expect(SSHPrincipalPattern.listMatches("a?ice@*", "alice@x"))
        #expect(!SSHPrincipalPattern.listMatches("a?ice@*", "aice@x"))
        #expect(!SSHPrincipalPattern.listMatches("!mallory@example.com,*@example.com", "mallory@example.com"))
        #expect(SSHPrincipalPattern.listMatches("!mallory@example.com,*@example.com", "alice@example.com"))
        #expect(!SSHPrincipalPattern.listMatches("!mallory@example.com", "alice@example.com"))
        #expect(SSHPrincipalPattern.listMatches("*", ""))
        #expect(SSHPrincipalPattern.listMatches("**a*b*", "xxaxxbxx"))
        #expect(SSHPrincipalPattern.isLiteralPrincipal("alice@example.com"))
        #expect(!SSHPrincipalPattern.isLiteralPrincipal("*@example.com"))
        #expect(!SSHPrincipalPattern.isLiteralPrincipal("a,b"))
    }

    @Test func timesAreReadAsSSHKeygenReadsThem() {
        #expect(SSHTime.date("20270115Z") == utc("2027-01-15T00:00:00Z"))
        #expect(SSHTime.date("202701150830Z") == utc("2027-01-15T08:30:00Z"))
        #expect(SSHTime.date("20270115083012z") == utc("2027-01-15T08:30:12Z"))
        #expect(SSHTime.date("20270230Z") == nil)
        #expect(SSHTime.date("2027011") == nil)
        #expect(SSHTime.utcText(utc("2027-01-15T08:30:12Z")) == "20270115083012Z")
    }
}

/// An RFC 3339 UTC time as a date.
func utc(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text)!
}
