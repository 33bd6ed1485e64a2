import Testing
@testable import OpsCore

/// The shapes of names services accept, byte for byte where only ASCII is allowed and by
/// Unicode property where PostgreSQL allows letters of any script.
@Suite struct NameFormatTests {
    @Test func environmentVariableNames() {
        for name in ["STRIPE_SECRET_KEY", "_PRIVATE", "a1", "x"] { #expect(NameFormat.isEnvironmentVariableName(name), "\(name)") }
        for name in ["", "1ST", "WITH-DASH", "WITH SPACE", "KEY=value", "CAFÉ", "É", "KEY\u{0}"] {
            #expect(!NameFormat.isEnvironmentVariableName(name), "\(name)")
        }
        #expect(NameFormat.environmentVariable("KEY=value")?.reason == "must be only a variable name, but it contains '='")
    }

    @Test func labelColours() {
        #expect(NameFormat.labelColor("d73a4a") == nil)
        #expect(NameFormat.labelColor("D73A4A") == nil)
        #expect(NameFormat.labelColor("#d73a4a")?.hint == "drop the '#': d73a4a")
        #expect(NameFormat.labelColor("#zzzzzz")?.hint == "drop the '#' and write 6 hexadecimal digits, such as d73a4a")
        for colour in ["d73a4", "d73a4a0", "g73a4a", "d73a4@", "d73a4é", ""] {
            #expect(NameFormat.labelColor(colour)?.reason == "must be 6 hexadecimal digits, found '\(colour)'", "\(colour)")
        }
    }

    @Test func postgresIdentifiers() {
        for name in ["users", "_private", "t1", "with$dollar", "Mixed_Case", "café", "ñandú"] {
            #expect(NameFormat.postgresIdentifier(name) == nil, "\(name)")
        }
        #expect(NameFormat.postgresIdentifier("1table")?.hint == "put a letter first, as in t_1table")
        #expect(NameFormat.postgresIdentifier("$x")?.reason.hasPrefix("must start with a letter or '_'") == true)
        #expect(NameFormat.postgresIdentifier("user-profiles")?.reason.hasPrefix("must be a PostgreSQL identifier") == true)
        #expect(NameFormat.postgresIdentifier(String(repeating: "a", count: 64))?.reason == "is longer than PostgreSQL's 63-byte identifier limit")
        #expect(NameFormat.postgresIdentifier(String(repeating: "a", count: 63)) == nil)
    }
}
