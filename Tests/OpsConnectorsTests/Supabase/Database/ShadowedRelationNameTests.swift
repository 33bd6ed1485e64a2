import Testing

@testable import OpsConnectors

@Suite("Shadowed relation names and one-line display text")
struct ShadowedRelationNameTests {
    let members = ShadowedRelationName(shadowed: "public.members", visible: "members")

    @Test func theRealTableIsPrintedAsTheCatalogPrintsIt() {
        #expect(members.rewrite("(EXISTS ( SELECT 1\n   FROM public.members m\n  WHERE (m.org = members.org)))")
            == "(EXISTS ( SELECT 1\n   FROM members m\n  WHERE (m.org = members.org)))")
    }

    @Test func longerNamesLiteralsAndQuotedNamesAreLeftAlone() {
        #expect(members.rewrite("(x = 'public.members')") == "(x = 'public.members')")
        #expect(members.rewrite("FROM public.members_archive a") == "FROM public.members_archive a")
        #expect(members.rewrite("FROM other.public.members a") == "FROM other.public.members a")
        #expect(members.rewrite("(a.b = 'it''s') OR EXISTS (SELECT 1 FROM public.members)") == "(a.b = 'it''s') OR EXISTS (SELECT 1 FROM members)")
    }

    @Test func textIsSearchedByteForByte() {
        #expect("FROM public.members m".containsUTF8("public.members"))
        #expect("public.members".containsUTF8("public.members"))
        #expect("x public.member".containsUTF8("public.members") == false)
        #expect("anything".containsUTF8(""))
        #expect("".containsUTF8("--") == false)
        #expect("a = 1 -- note".containsUTF8("--"))
        #expect("a = 1 - -1".containsUTF8("--") == false)
        #expect("name = 'café' -- é".containsUTF8("é' --"))
        // A precomposed é is not the same bytes as e and a combining accent.
        #expect("café".containsUTF8("cafe\u{301}") == false)
    }

    @Test func nothingChangesWhenTheNamesAgree() {
        let qualified = ShadowedRelationName(shadowed: "app.members", visible: "app.members")
        #expect(qualified.rewrite("FROM app.members m") == "FROM app.members m")
    }

    @Test func multiLineExpressionsBecomeOneLineForDisplay() {
        #expect(DisplayText.oneLine("(EXISTS ( SELECT 1\n   FROM members m\r\n\tWHERE true))") == "(EXISTS ( SELECT 1 FROM members m WHERE true))")
        #expect(DisplayText.oneLine("  x  ") == "x")
    }
}
