import Testing
@testable import OpsRender

struct ToolMessageRendererTests {
    @Test func plain() {
        #expect(ToolMessageRenderer.render(.error, message: "unknown command 'x'", hint: "See 'opsctl help'.", colour: .plain)
            == "opsctl: error: unknown command 'x'\nhint: See 'opsctl help'.\n")
        #expect(ToolMessageRenderer.render(.warning, message: "careful", hint: nil, colour: .plain) == "opsctl: warning: careful\n")
    }

    @Test func coloured() {
        #expect(ToolMessageRenderer.render(.error, message: "m", hint: "h", colour: .ansi)
            == "opsctl: \u{1B}[1;31merror:\u{1B}[0m m\n\u{1B}[1;36mhint:\u{1B}[0m h\n")
    }
}
