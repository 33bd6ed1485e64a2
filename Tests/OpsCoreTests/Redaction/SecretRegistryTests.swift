import Foundation
import Synchronization
import Testing

@testable import OpsCore

@Suite("Secret registry")
struct SecretRegistryTests {
    /// The secret's partial URL encodings are made without Foundation's character sets; each
    /// must equal what Foundation's own set gives, for every ASCII character and some beyond.
    @Test func partialEncodingsMatchFoundationsCharacterSets() {
        let foundationSets: [CharacterSet] = [
            .urlQueryAllowed, .urlPathAllowed, .urlUserAllowed, .urlPasswordAllowed,
            CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?")),
        ]
        let samples = (0..<128).compactMap { Unicode.Scalar($0).map { "x\(Character($0))y" } } + ["é ü 名前 😀 a%20b", "s3cr3t/Value+=="]
        for sample in samples {
            let ours = Set(SecretForms.partialEncodings.map { PercentEncoding.encode(sample, uppercase: true, keeping: $0) })
            let theirs = Set(foundationSets.compactMap { sample.addingPercentEncoding(withAllowedCharacters: $0) })
            #expect(ours == theirs, "\(sample.debugDescription)")
        }
    }

    /// Every form the registry masks, against the same forms made with Foundation.
    @Test func formsOfASecretAreFoundationsForms() {
        let secret = "p@ss word/+=é\"x"
        let forms = Set(SecretForms.all(of: secret, minimumLength: 1))
        let upper = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128))).union(CharacterSet(charactersIn: "-._~")))!
        #expect(forms.contains(secret))
        #expect(forms.contains(upper))
        #expect(forms.contains(lowerHex(upper)))
        #expect(forms.contains(upper.replacingOccurrences(of: "%20", with: "+")))
        #expect(forms.contains(secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "/", with: "\\/")))
        for core in SecretForms.base64Cores(of: Array(secret.utf8)) {
            #expect(forms.contains(core))
            #expect(forms.contains(core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")))
        }
        let base64 = Data(secret.utf8).base64EncodedString()
        #expect(base64.contains(SecretForms.base64Cores(of: Array(secret.utf8))[0]))
    }

    /// A value planted at runtime must not survive in any encoding a log could carry it in.
    @Test func plantedCanaryAppearsNowhere() {
        let canary = "c4n4ry/Secret+Value=\(UInt32.random(in: 100_000...999_999)) x"
        let registry = SecretRegistry()
        let redactor = Redactor(registry: registry)
        redactor.register(secret: canary)

        let percent = canary.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let query = canary.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
        let base64 = Data(canary.utf8).base64EncodedString()
        let basic = Data("user:\(canary)".utf8).base64EncodedString()
        let base64URL = Data("ab\(canary)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let jsonEscaped = canary.replacingOccurrences(of: "/", with: "\\/")
        let text = [
            "raw \(canary) end", "percent \(percent)", "lower \(lowerHex(percent))", "query \(query)",
            "b64 \(base64)", "basic \(basic)", "b64url \(base64URL)", "json {\"v\":\"\(jsonEscaped)\"}",
            "form \(percent.replacingOccurrences(of: "%20", with: "+"))",
        ].joined(separator: "\n")

        let output = redactor.redact(text)
        #expect(!output.contains("c4n4ry"))
        #expect(!output.contains(percent.prefix(12)))
        #expect(!output.contains(query.prefix(12)))
        for form in SecretForms.base64Cores(of: Array(canary.utf8)) {
            #expect(!output.contains(form))
        }
        // The cores are the part fixed by the secret; what is left of each encoding is a few
        // characters at its edges, not enough to recover anything.
        #expect(!output.contains(String(basic.dropFirst(8).prefix(16))))
    }

    /// `%2F` written as `%2f`, as some encoders do; only the hex digits change case.
    private func lowerHex(_ encoded: String) -> String {
        var out = ""
        var pending = 0
        for character in encoded {
            if character == "%" {
                pending = 2
                out.append(character)
            } else if pending > 0 {
                pending -= 1
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    @Test func longestSecretIsMaskedFirst() {
        let registry = SecretRegistry()
        registry.register(contentsOf: ["abcdef123", "abcdef123456"])
        let output = Redactor(registry: registry).redact("value=abcdef123456 and abcdef123")
        #expect(output == "value=[REDACTED] and [REDACTED]")
    }

    @Test func shortAndBlankValuesAreIgnored() {
        let registry = SecretRegistry()
        registry.register(contentsOf: ["yes", "", "   ", "12345"])
        #expect(registry.count == 0)
        #expect(Redactor(registry: registry).redact("yes 12345") == "yes 12345")
    }

    @Test func registriesAreIndependent() {
        let first = SecretRegistry()
        first.register("only-in-first-registry")
        #expect(Redactor(registry: SecretRegistry()).redact("only-in-first-registry") == "only-in-first-registry")
        #expect(Redactor(registry: first).redact("only-in-first-registry") == "[REDACTED]")
    }

    /// Connectors register while other tasks redact; the registry must stay consistent.
    @Test func concurrentRegistrationAndRedaction() async {
        let registry = SecretRegistry()
        let redactor = Redactor(registry: registry)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { registry.register("secret-value-\(index)-xyz") }
                group.addTask { _ = redactor.redact("text with secret-value-\(index)-xyz inside") }
            }
        }
        #expect(registry.count == 200)
        for index in 0..<200 {
            #expect(redactor.redact("secret-value-\(index)-xyz") == "[REDACTED]")
        }
    }

    @Test func base64CoresMatchEveryAlignment() {
        let secret = Array("hunter2-but-longer".utf8)
        let cores = SecretForms.base64Cores(of: secret)
        for prefix in ["", "a", "ab", "abc", "user:"] {
            let encoded = Data(Array(prefix.utf8) + secret + Array("tail".utf8)).base64EncodedString()
            #expect(cores.contains { encoded.contains($0) }, "prefix \(prefix)")
        }
    }

    /// The observer hears of every secret once: those registered before it was installed at
    /// once, later ones as they come, never a value too short to be a secret.
    @Test func theObserverHearsOfEachSecretOnce() {
        let registry = SecretRegistry()
        registry.register("early-secret-value")
        let heard = Mutex<[String]>([])
        registry.observeRegistrations { secret in heard.withLock { $0.append(secret) } }
        #expect(heard.withLock { $0 } == ["early-secret-value"])
        registry.register(contentsOf: ["later-secret-value", "early-secret-value", "abc", "  padded-secret-value \n"])
        #expect(heard.withLock { $0 } == ["early-secret-value", "later-secret-value", "padded-secret-value"])
    }
}
