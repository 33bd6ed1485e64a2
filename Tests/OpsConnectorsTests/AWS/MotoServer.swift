import Foundation
import Glibc
import Testing

/// `moto_server`, the AWS emulator from PyPI, run on a free loopback port for one test.
///
/// `make test` installs a pinned `moto[server]` into `.build/moto-venv` and names its
/// `moto_server` in `OPSCTL_MOTO_SERVER`; when that install failed (no network, say) it names
/// the install log in `OPSCTL_MOTO_INSTALL_LOG`, and the test fails quoting it rather than
/// passing without having run. Outside `make`, a `moto_server` on the PATH is used.
final class MotoServer: Sendable {
    let process: Process
    let port: UInt16
    let log: URL

    var baseURL: String { "http://127.0.0.1:\(port)" }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func locate() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["OPSCTL_MOTO_SERVER"], !path.isEmpty {
            if FileManager.default.isExecutableFile(atPath: path) { return path }
            var reason = "OPSCTL_MOTO_SERVER names \(path), which is not an executable"
            if let logPath = environment["OPSCTL_MOTO_INSTALL_LOG"], let text = try? String(contentsOfFile: logPath, encoding: .utf8) {
                reason += "; installing moto[server] failed:\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
            }
            throw Unavailable(description: reason)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/moto_server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Unavailable(description: "moto_server was not found: `make test` installs moto[server] into .build/moto-venv (pip needs to reach PyPI); or set OPSCTL_MOTO_SERVER to a moto_server")
    }

    init() throws {
        let executable = try Self.locate()
        port = try Self.freePort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(UUID().uuidString).log")
        try Data().write(to: log)
        let output = try FileHandle(forWritingTo: log)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try waitUntilListening()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: log)
    }

    /// moto's development server ignores SIGTERM; it stops on SIGINT (as on Ctrl-C), and is
    /// killed if it has not within five seconds.
    func stop() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else {
                throw Unavailable(description: "moto_server exited with status \(process.terminationStatus): \(logTail())")
            }
            if Self.accepts(port) { return }
            usleep(100_000)
        }
        stop()
        throw Unavailable(description: "moto_server did not listen on 127.0.0.1:\(port) within 60 s: \(logTail())")
    }

    func logTail() -> String {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    /// A port the kernel picked and released: moto binds it right after.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Unavailable(description: "socket failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Unavailable(description: "could not find a free port: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func accepts(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
