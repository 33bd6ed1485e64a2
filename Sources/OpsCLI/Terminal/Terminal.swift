import OpsCore

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

    /// The process's own standard output and error, written with `write(2)`: Foundation's
    /// `FileHandle` wanted its bytes as `Data`, whose making cast the text's view at run time
    /// and, on a process's first cast, searched every protocol conformance in the executable
    /// (about 0.2 ms of `opsctl version`, docs/performance.md). A failed write is dropped, as
    /// it was: there is nowhere left to say so.
    package static var standard: Terminal {
        Terminal(
            standardOutput: TerminalStream(isTTY: isatty(STDOUT_FILENO) == 1) { text in
                write(text, to: STDOUT_FILENO)
            },
            standardError: TerminalStream(isTTY: isatty(STDERR_FILENO) == 1) { text in
                write(text, to: STDERR_FILENO)
            }
        )
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        _ = text.withUTF8 { DescriptorWrite.all(UnsafeRawBufferPointer($0), to: descriptor) }
    }
}
