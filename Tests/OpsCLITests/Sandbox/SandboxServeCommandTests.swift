import Foundation
import Glibc
import Testing
@testable import OpsCLI

/// `opsctl sandbox serve` in-process, for the ways it fails before serving (exit 1). Serving
/// until a signal is tested end to end, on the built binary, where signals are the process's own.
struct SandboxServeCommandTests {
    @Test func portInUseExitsOneWithAClearMessage() async throws {
        let occupied = try LoopbackListener()
        defer { occupied.close() }

        let run = await runOpsctl(["sandbox", "serve", "--port", String(occupied.port)])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == """
            opsctl: error: the sandbox cannot listen on 127.0.0.1:\(occupied.port): the port is already in use
            hint: choose another --port, or --port 0 to let the system pick a free one

            """)
    }

    @Test func stateFileThatIsNotJSONExitsOne() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = try directory.write("state.json", "{\"github\": [")

        let run = await runOpsctl(["sandbox", "serve", "--port", "0", "--state", state])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.hasPrefix("opsctl: error: the sandbox state file \(state) is not valid JSON"))
        #expect(run.standardError.contains("\nhint: "))
    }

    @Test func stateFileInAMissingDirectoryExitsOne() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = directory.file("nowhere/state.json")

        let run = await runOpsctl(["sandbox", "serve", "--port", "0", "--state", state])
        #expect(run.status == 1)
        #expect(run.standardError.contains("does not exist"))
    }

    @Test func unreadableStateFileExitsOne() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        // A directory where the file should be cannot be read as one, even by root.
        let state = directory.file("state.json")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false)

        let run = await runOpsctl(["sandbox", "serve", "--port", "0", "--state", state])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.hasPrefix("opsctl: error: cannot read the sandbox state file \(state)"))
    }
}

/// A TCP socket listening on a free loopback port, to make that port busy.
struct LoopbackListener {
    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var description: String { "\(operation) failed: \(String(cString: strerror(errno)))" }
    }

    let descriptor: Int32
    let port: UInt16

    init() throws {
        // Built in locals: closures may not capture `self` before every property is set.
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(operation: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 1) == 0 else {
            Glibc.close(descriptor)
            throw Failure(operation: "bind/listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            Glibc.close(descriptor)
            throw Failure(operation: "getsockname")
        }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() {
        Glibc.close(descriptor)
    }
}
