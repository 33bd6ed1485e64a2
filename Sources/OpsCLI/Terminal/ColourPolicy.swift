import OpsRender

/// Decides whether a stream gets ANSI colour. Colour is on only when a terminal reads the
/// stream and nothing says otherwise: `NO_COLOR` set to any value (including empty, as the
/// issue asks; no-color.org ignores an empty one), `TERM=dumb`, or `--no-color`.
enum ColourPolicy {
    static func mode(for stream: TerminalStream, environment: Environment, disabledByFlag: Bool) -> ColourMode {
        guard stream.isTTY, !disabledByFlag else { return .plain }
        if environment["NO_COLOR"] != nil { return .plain }
        if environment["TERM"] == "dumb" { return .plain }
        return .ansi
    }
}
