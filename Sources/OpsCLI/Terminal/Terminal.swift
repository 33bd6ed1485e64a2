import Foundation

import Glibc

/// One of the process's output streams: where text goes, and whether a terminal reads it.
package struct TerminalStream: Sendable {
    package var isTTY: Bool
    package var write: @Sendable (String) -> Void

    package init(isTTY: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTTY = isTTY
        self.write = write
    }
}

/// Standard output and standard error. Only `OpsctlEntrypoint.main` uses the real ones;
/// tests pass streams that capture text and claim to be (or not be) terminals.
package struct Terminal: Sendable {
    package var standardOutput: TerminalStream
    package var standardError: TerminalStream

    package init(standardOutput: TerminalStream, standardError: TerminalStream) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// The process's own standard output and error.
    package static var standard: Terminal {
        Terminal(
            standardOutput: TerminalStream(isTTY: isatty(STDOUT_FILENO) == 1) { text in
                try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
            },
            standardError: TerminalStream(isTTY: isatty(STDERR_FILENO) == 1) { text in
                try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
            }
        )
    }
}
