import OpsCore

/// `opsctl version` and `opsctl --version`: the version on standard output.
enum VersionCommand {
    static let descriptor = CommandDescriptor(
        name: "version",
        summary: "Print the version of opsctl",
        usage: "version",
        needsLibcrypto: false,
        parse: { _ in ParseResult(()) },
        run: { _, context in run(context) }
    )

    /// The command as `--version` binds it, without going through argument parsing.
    static func bound() -> BoundCommand {
        BoundCommand(name: descriptor.name, needsLibcrypto: descriptor.needsLibcrypto) { context in run(context) }
    }

    private static func run(_ context: CommandContext) -> CommandOutcome {
        context.standardOutput.write("opsctl \(OpsctlVersion.current)\n")
        return .success
    }
}
