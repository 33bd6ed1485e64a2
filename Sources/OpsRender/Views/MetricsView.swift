import OpsCore

/// A run's metrics in Prometheus's text exposition format (version 0.0.4), the format
/// node_exporter's textfile collector reads: per family a `# HELP` and a `# TYPE` line, then
/// its samples; label values and help text escaped as the format says.
package struct MetricsView: Sendable {
    package init() {}

    package func render(_ families: [MetricFamily]) -> String {
        var text = ""
        for family in families {
            text += "# HELP \(family.name) \(Self.escapeHelp(family.help))\n"
            text += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for sample in family.samples {
                text += family.name
                if !sample.labels.isEmpty {
                    text += "{" + sample.labels.map { "\($0.name)=\"\(Self.escapeLabelValue($0.value))\"" }.joined(separator: ",") + "}"
                }
                text += " \(Self.value(sample.value))\n"
            }
        }
        return text
    }

    /// In help text only backslash and line feed are escaped.
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// In label values backslash, double quote and line feed are escaped.
    static func escapeLabelValue(_ text: String) -> String {
        escapeHelp(text).replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// Whole numbers without a fraction, others in Swift's shortest round-tripping form; the
    /// format's spellings for the special values.
    static func value(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "+Inf" : "-Inf" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
