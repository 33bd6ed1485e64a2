import Testing

@testable import OpsCore

/// A check keeps its suggested action and change ID out of line (docs/performance.md); they
/// must read, change and compare as if they were plain fields.
@Suite("Check")
struct CheckTests {
    static let changeID = ChangeID(scope: .supabase, resource: "table", action: "create", name: "public.accounts")

    @Test func uncommonFieldsReadBackAsGiven() {
        let plain = Check(id: "supabase.table.public.a", scope: .supabase, name: "table public.a", status: .pass, message: "exists")
        #expect(plain.suggestedAction == nil && plain.changeID == nil)
        let full = Check(
            id: "supabase.table.public.a", scope: .supabase, name: "table public.a", status: .fail, message: "missing",
            suggestedAction: "apply the plan", changeID: Self.changeID
        )
        #expect(full.suggestedAction == "apply the plan")
        #expect(full.changeID == Self.changeID)
    }

    @Test func settingOneFieldKeepsTheOtherAndLeavesCopiesAlone() {
        var check = Check(id: "x", scope: .github, name: "x", status: .fail, message: "m", suggestedAction: "do it", changeID: Self.changeID)
        let copy = check
        check.suggestedAction = nil
        #expect(check.suggestedAction == nil && check.changeID == Self.changeID)
        check.changeID = nil
        #expect(check.suggestedAction == nil && check.changeID == nil)
        #expect(copy.suggestedAction == "do it" && copy.changeID == Self.changeID)
        check.suggestedAction = "again"
        #expect(check.suggestedAction == "again" && check.changeID == nil)
    }

    @Test func equalityAndHashingFollowTheValues() {
        let first = Check(id: "x", scope: .vercel, name: "x", status: .fail, message: "m", suggestedAction: "a", changeID: Self.changeID)
        var second = Check(id: "x", scope: .vercel, name: "x", status: .fail, message: "m")
        #expect(first != second)
        second.suggestedAction = "a"
        second.changeID = Self.changeID
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        second.changeID = nil
        second.changeID = Self.changeID
        second.suggestedAction = "b"
        #expect(first != second)
    }
}
