import Foundation
import OpsCore
import OpsRender

/// `--metrics-file PATH.prom`, shared by `plan` and `apply`: the run's metrics in
/// Prometheus's text format, replaced atomically so node_exporter's textfile collector never
/// reads half a file.
struct MetricsFileArgument: Sendable, Hashable {
    var path: String?

    static let flag = FlagSpec(
        long: "metrics-file", kind: .value(placeholder: "FILE.prom"),
        summary: "Write the run's metrics in Prometheus's text format (for node_exporter's textfile collector)"
    )

    static func parse(_ arguments: ScannedArguments, command: String, problems: inout [UsageError]) -> MetricsFileArgument {
        guard let option = arguments.singleOccurrence(of: flag, command: command, problems: &problems), let value = option.value else {
            return MetricsFileArgument()
        }
        // The textfile collector reads only *.prom files; any other name would be silently ignored.
        guard value.hasSuffix(".prom"), value.count > ".prom".count, !value.hasSuffix("/.prom") else {
            problems.append(UsageError(
                .invalidValue(option: option.spelling, value: value, reason: "the file name must end in .prom, the only files node_exporter's textfile collector reads"),
                command: command, argumentIndex: option.index, suggestion: value.isEmpty ? nil : value + ".prom"
            ))
            return MetricsFileArgument()
        }
        return MetricsFileArgument(path: value)
    }

    /// Writes the metrics; a file that cannot be written is a warning, like a failed
    /// notification, and leaves the command's outcome alone.
    func write(_ metrics: RunMetrics, context: CommandContext) {
        guard let path else { return }
        let text = MetricsView().render(metrics.families)
        do {
            // Readable by the collector, which usually runs as another user.
            try AtomicFile.write(text, to: path, mode: 0o644)
        } catch {
            context.warn(
                "cannot write the metrics file \(path): \(error.reason)",
                hint: "check that the directory exists and is writable; the \(metrics.command.rawValue) itself is unaffected"
            )
        }
    }
}
