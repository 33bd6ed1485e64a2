import OpsCore
import OpsRender

/// One output stream as a command sees it: somewhere to write text, and whether that text may
/// be coloured. Commands never touch file descriptors or decide colour themselves.
struct OutputChannel: Sendable {
    var colour: ColourMode
    private let sink: @Sendable (String) -> Void

    init(colour: ColourMode, sink: @escaping @Sendable (String) -> Void) {
        self.colour = colour
        self.sink = sink
    }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        sink(text)
    }
}

/// Everything a running command may use from the outside world.
struct CommandContext: Sendable {
    var globals: GlobalOptions
    var environment: Environment
    var standardOutput: OutputChannel
    var standardError: OutputChannel
    var registry: CommandRegistry
    /// Owns this run's secret registry: every secret the command meets is registered here,
    /// and everything it prints passes through it.
    var redactor: Redactor
}
