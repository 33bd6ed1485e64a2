import OpsCore
import OpsRender

/// The YAML loader and both configuration decoders, on the same bytes, and the text
/// rendering of their diagnostics as `opsctl validate` prints it (the caret line indexes into
/// the source by column, so diagnostics at odd places are worth rendering).
public enum ConfigFuzzTarget {
    public static func run(_ bytes: [UInt8]) {
        let source = SourceText(path: "fuzz.yaml", bytes: bytes)
        let desiredState = ConfigLoader.loadDesiredState(source)
        let policy = ConfigLoader.loadChangePolicy(source)
        _ = DiagnosticTextRenderer.render(desiredState.diagnostics + policy.diagnostics, colour: .plain)
    }
}
