import Testing
@testable import OpsCLI

/// Escaping as `@actions/core` does it: data escapes `%`, CR and LF; properties also `:` and `,`.
struct WorkflowCommandTests {
    @Test func dataEscapesPercentCarriageReturnAndLineFeedOnly() {
        #expect(WorkflowCommand.escapeData("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b")
    }

    @Test func propertiesAlsoEscapeColonAndComma() {
        #expect(WorkflowCommand.escapeProperty("a:b,c%d\re\nf") == "a%3Ab%2Cc%25d%0De%0Af")
    }

    @Test func percentIsEscapedFirstSoEscapesAreNotEscapedTwice() {
        #expect(WorkflowCommand.escapeData("%0A") == "%250A")
        #expect(WorkflowCommand.escapeProperty("%3A") == "%253A")
    }

    @Test func aWholeAnnotationLine() {
        let command = WorkflowCommand(
            name: "error",
            properties: [("file", "dir,1/desired-state.yaml"), ("line", "5"), ("col", "3"), ("title", "github.label:bug")],
            message: "colour is 'red'\nwant d73a4a: 100%"
        )
        #expect(command.line == "::error file=dir%2C1/desired-state.yaml,line=5,col=3,title=github.label%3Abug::colour is 'red'%0Awant d73a4a: 100%25")
    }

    @Test func emptyPropertiesAreLeftOut() {
        #expect(WorkflowCommand(name: "notice", properties: [("title", "")], message: "m").line == "::notice::m")
    }

    @Test func maskCommandsUseTheSameEscaping() {
        #expect(SecretMasking.commands(for: "ab%\ncdefghijkl", minimumLength: 8) == ["::add-mask::ab%25%0Acdefghijkl", "::add-mask::cdefghijkl"])
    }
}
