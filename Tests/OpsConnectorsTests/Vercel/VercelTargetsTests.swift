import OpsCore
import Testing

@testable import OpsConnectors

/// A variable's targets, normalised: known names once each in the dashboard's order, others
/// after them sorted, whether the names come from a listing or from desired-state.yaml.
struct VercelTargetsTests {
    /// The rule, spelt out with sets.
    static func reference(_ targets: [String]) -> [String] {
        let unique = Set(targets)
        return VercelTargets.order.filter(unique.contains) + unique.subtracting(VercelTargets.order).sorted()
    }

    @Test func everyListOfUpToThreeNamesFollowsTheRule() {
        let names = ["production", "preview", "development", "staging", "qa"]
        var lists: [[String]] = [[]]
        for _ in 0..<3 { lists += lists.flatMap { list in names.map { list + [$0] } } }
        for list in Set(lists) {
            #expect(VercelTargets.normalized(list) == Self.reference(list), "\(list)")
        }
    }

    /// Any list, known or not, in order or not, repeated or empty, reads as its names joined
    /// (known lists in order through their shared text).
    @Test func everyListOfUpToThreeNamesIsDescribedAsItsNamesJoined() {
        let names = ["production", "preview", "development", "staging"]
        var lists: [[String]] = [[]]
        for _ in 0..<3 { lists += lists.flatMap { list in names.map { list + [$0] } } }
        for list in Set(lists) {
            #expect(VercelTargets.describe(list) == (list.isEmpty ? "no target" : list.joined(separator: ", ")), "\(list)")
        }
    }

    @Test func declaredTargetsNormaliseAsTheirNamesDo() {
        let all = VercelTarget.allCases
        for first in all {
            for second in all {
                #expect(VercelTargets.normalized([second, first]) == Self.reference([second.rawValue, first.rawValue]))
            }
        }
        #expect(VercelTargets.normalized([VercelTarget]()) == [])
    }
}
