import Foundation
import Glibc
import Testing

/// Waiting costs nothing. A peer that accepts and never answers once cost 75–85% of a core for
/// the whole deadline (URLSession's libcurl loop on Linux woke for a writable socket without
/// pause). Measured on the child's own CPU time, which other work on the machine does not
/// inflate: a spinning wait uses well over a second of CPU in two seconds, a sleeping one none.
struct HungPeerCPUTests {
    @Test func planWaitingOnAHungPeerUsesNoCPU() throws {
        let workspace = try Workspace.make()
        defer { workspace.remove() }
        try workspace.write("desired-state.yaml", "version: 1\ngithub:\n  labels:\n    - { name: bug, color: d73a4a }\n")
        try workspace.write("change-policy.yaml", "version: 1\n")

        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        try #require(bound == 0 && listen(listener, 16) == 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = UInt16(bigEndian: address.sin_port)

        let process = Process()
        process.executableURL = try OpsctlBinary.locate().url
        process.arguments = ["plan", "--scope", "github", "--out", "plan.json"]
        process.currentDirectoryURL = workspace.url
        process.environment = [
            "PATH": "/usr/bin:/bin", "OPS_GITHUB_API_URL": "http://127.0.0.1:\(port)", "OPS_GITHUB_TOKEN": "t",
            "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": "app",
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }

        // The request is in flight once its connection is waiting to be accepted.
        var pending = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        try #require(poll(&pending, 1, 30_000) == 1, "opsctl never connected")
        let connection = accept(listener, nil, nil)
        try #require(connection >= 0)
        defer { close(connection) }

        let before = try Self.cpuTicks(of: process.processIdentifier)
        let window = 2.0
        Thread.sleep(forTimeInterval: window)
        let after = try Self.cpuTicks(of: process.processIdentifier)
        #expect(process.isRunning, "opsctl stopped waiting early")
        let share = Double(after - before) / Double(sysconf(Int32(_SC_CLK_TCK))) / window
        #expect(share < 0.05, "waiting used \(Int(share * 100))% of a core")
    }

    /// utime + stime of a process, in clock ticks.
    static func cpuTicks(of pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name, which is in parentheses and may hold spaces.
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
        return try #require(Int(fields[11])) + (try #require(Int(fields[12])))
    }
}
