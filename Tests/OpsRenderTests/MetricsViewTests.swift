import Foundation
import OpsCore
import OpsTesting
import Testing

@testable import OpsRender

@Suite("Metrics view")
struct MetricsViewTests {
    @Test func writesHelpTypeAndSamplesThatTheFormatReadsBack() throws {
        let families = [
            MetricFamily(name: "opsctl_checks", help: "Checks\nby scope \\ status.", samples: [
                .init([.init("scope", "github"), .init("status", "fail")], value: 3),
                .init([.init("scope", "say \"hi\"\n\\"), .init("status", "pass")], value: 0.25),
            ]),
            MetricFamily(name: "opsctl_approvals_pending", help: "Pending.", samples: [.init(value: 2)]),
        ]
        let text = MetricsView().render(families)
        #expect(text.hasPrefix("# HELP opsctl_checks Checks\\nby scope \\\\ status.\n# TYPE opsctl_checks gauge\n"))
        #expect(text.contains("opsctl_checks{scope=\"github\",status=\"fail\"} 3\n"))
        #expect(text.contains("opsctl_checks{scope=\"say \\\"hi\\\"\\n\\\\\",status=\"pass\"} 0.25\n"))
        #expect(text.hasSuffix("# TYPE opsctl_approvals_pending gauge\nopsctl_approvals_pending 2\n"))

        let samples = try PrometheusTextFormat.parse(text).get()
        #expect(samples.count == 3)
        #expect(samples[1].labels["scope"] == "say \"hi\"\n\\")
        #expect(samples[1].value == 0.25)
    }

    @Test(arguments: [
        (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (1_700_000_000, "1700000000"), (0.5, "0.5"),
        (-3, "-3"),
    ])
    func spellsValuesAsTheFormatDoes(value: Double, spelled: String) {
        #expect(MetricsView.value(value) == spelled)
    }

    /// The checker the other metrics tests rely on must itself refuse what the format forbids.
    @Test(arguments: [
        "m 1",  // no final line feed
        "m{a=\"1\"} 1\nm{a=\"1\"} 2\n",  // a series twice
        "m{a=\"\\t\"} 1\n",  // an escape the format does not have
        "m{a=1} 1\n",  // an unquoted label value
        "m 1\n# TYPE m gauge\n",  // TYPE after the samples
        "m 1\nn 1\nm 2\n",  // a family split in two
        "2m 1\n",  // a name starting with a digit
        "m{__a=\"1\"} 1\n",  // a reserved label name
        "m one\n",  // not a float
        "# TYPE m gauge\n# TYPE m counter\nm 1\n",  // two TYPE lines
    ])
    func checkerRefusesInvalidDocuments(_ text: String) {
        guard case .failure(let problems) = PrometheusTextFormat.parse(text) else {
            Issue.record("accepted an invalid document: \(text.debugDescription)")
            return
        }
        #expect(!problems.isEmpty)
    }
}
