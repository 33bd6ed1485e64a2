import OpsCore
import OpsSandbox

/// `opsctl sandbox serve`: the local service emulators (docs/sandbox.md) on a loopback port.
enum SandboxCommand {
    static let descriptor = CommandDescriptor(
        name: SandboxArguments.command,
        summary: "Run local emulators of the services' APIs on a loopback port",
        usage: "sandbox serve [--port N] [--state FILE] [--latency MS] [--faults SPEC] [--seed N]",
        discussion: """
            serve listens on 127.0.0.1 only and mounts each emulated service under its scope
            (/github/repos/...). The first line on standard output is the base URL,
            http://127.0.0.1:PORT; point opsctl at it with OPSCTL_SANDBOX_URL. It runs until
            interrupted (Ctrl-C, SIGINT or SIGTERM), then stops cleanly and exits with 0.

            State is kept in memory unless --state names a JSON file: a file that does not exist
            yet starts empty (examples/sandbox-state.json is a seed), and any owner/repo is
            created on first use. --latency delays every API request; --faults answers a share
            of them with errors or connection resets, repeatably for the same --seed.

            Exit status: 0 stopped by a signal, 1 the port is in use or the state file cannot be
            read, 64 usage error.
            """,
        flags: SandboxArguments.Flags.all,
        positionals: [PositionalSpec(name: "action", isRequired: true, summary: "serve")],
        parse: SandboxArguments.parse,
        run: SandboxServeAction.run
    )
}
