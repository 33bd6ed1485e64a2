/// One metric with its samples, independent of any exposition format: the run's figures as
/// values, which `MetricsView` writes in Prometheus's text format.
package struct MetricFamily: Sendable, Hashable {
    /// Prometheus's metric types that opsctl uses; every figure describes the last run, so
    /// each is a gauge (a counter would need state carried from run to run).
    package enum Kind: String, Sendable, Hashable {
        case gauge
    }

    package struct Sample: Sendable, Hashable {
        /// Label names and values in the order they are written.
        package var labels: [Label]
        package var value: Double

        package init(_ labels: [Label] = [], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    package struct Label: Sendable, Hashable {
        package var name: String
        package var value: String

        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    package var name: String
    package var help: String
    package var kind: Kind
    package var samples: [Sample]

    package init(name: String, help: String, kind: Kind = .gauge, samples: [Sample]) {
        self.name = name
        self.help = help
        self.kind = kind
        self.samples = samples
    }
}
