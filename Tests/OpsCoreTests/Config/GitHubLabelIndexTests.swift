import Testing
@testable import OpsCore

/// The declared labels' index by lower-cased name is built once, by the decoder's check for
/// repeated names, and must say what an index built from the decoded labels would say.
@Suite struct GitHubLabelIndexTests {
    private static func github(_ labels: String) -> LoadResult<DesiredState> {
        ConfigFixture.desiredState("version: 1\ngithub:\n  labels:\n" + labels)
    }

    @Test func theDecodersIndexIsTheDecodedLabelsIndex() throws {
        let result = Self.github("""
                - { name: Bug, color: d73a4a }
                - { name: docs }
                - { name: Ünïcode }
                - { name: "1.10", color: "123456" }

            """)
        #expect(result.errors.isEmpty, "\(result.summary)")
        let github = try #require(result.model?.github)
        #expect(github.labelIndex == GitHubLabelIndex(github.labels))
        #expect(github.labelIndex.positions == ["bug": 0, "docs": 1, "ünïcode": 2, "1.10": 3])
        #expect(github.labelIndex.namesRepeat == false)
    }

    /// An entry left out for an error moves every later label up one place: the positions the
    /// decoder saw in the list are not the model's, so the index is made from the labels kept.
    @Test func anEntryLeftOutDoesNotShiftTheIndex() throws {
        let result = Self.github("""
                - { name: first }
                - { name: broken, color: red }
                - { name: third }

            """)
        #expect(result.errors.count == 1, "\(result.summary)")
        let github = try #require(result.model?.github)
        #expect(github.labels.map(\.name) == ["first", "third"])
        #expect(github.labelIndex.positions == ["first": 0, "third": 1])
    }

    /// The repeat is reported at its own place and names the first's, which the decoder finds
    /// again from its list position.
    @Test func aRepeatNamesTheFirstDeclarationFromItsPosition() throws {
        let result = Self.github("""
                - { name: docs }
                - { name: Bug, color: d73a4a }
                - { name: chore }
                - { name: bug }

            """)
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.message.contains("github.labels[3].name"), "\(error.message)")
        #expect(error.message.contains("github.labels[1].name (line 5)"), "\(error.message)")
        #expect(error.notes.first?.location?.line == 5)
        #expect(result.model?.github?.labelIndex.positions == ["docs": 0, "bug": 1, "chore": 2])
    }

    @Test func labelsGivenAnotherWayAreIndexedWithTheFirstOfARepeatedName() {
        let index = GitHubLabelIndex([GitHubLabel(name: "Bug"), GitHubLabel(name: "docs"), GitHubLabel(name: "BUG")])
        #expect(index.positions == ["bug": 0, "docs": 1])
        #expect(index.namesRepeat)
        #expect(index.position(ofLowercased: "bug") == 0)
        #expect(index.position(ofLowercased: "Bug") == nil)
    }
}
