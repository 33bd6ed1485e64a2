import Foundation
import Glibc
import Testing

/// A plan waiting on a peer that accepts and never answers: the wait costs nothing, and a
/// signal still ends it.
struct HungPeerCPUTests {
    /// A peer that accepts and never answers once cost 75–85% of a core for the whole deadline
    /// (URLSession's libcurl loop on Linux woke for a writable socket without pause). Measured
    /// on the child's own CPU time, which other work on the machine does not inflate: a
    /// spinning wait uses well over a second of CPU in two seconds, a sleeping one none.
    @Test func planWaitingOnAHungPeerUsesNoCPU() throws {
        let peer = try HungPeer()
        defer { peer.close() }
        let run = try PlanAgainst(peer)
        defer { run.end() }

        let before = try Self.cpuTicks(of: run.process.processIdentifier)
        let window = 2.0
        Thread.sleep(forTimeInterval: window)
        let after = try Self.cpuTicks(of: run.process.processIdentifier)
        #expect(run.process.isRunning, "opsctl stopped waiting early")
        let share = Double(after - before) / Double(sysconf(Int32(_SC_CLK_TCK))) / window
        #expect(share < 0.05, "waiting used \(Int(share * 100))% of a core")
    }

    /// This test's process starts opsctl from a thread of the concurrency runtime, which blocks
    /// signals, and the child inherits that mask: the interrupt must still end the plan at once,
    /// not when the service's deadline runs out (a main thread parked without unblocking
    /// signals left it pending for about 90 s).
    @Test func anInterruptEndsAPlanWaitingOnAHungPeer() throws {
        let peer = try HungPeer()
        defer { peer.close() }
        let run = try PlanAgainst(peer)
        defer { run.end() }

        let sent = Date()
        run.process.interrupt()
        while run.process.isRunning, Date().timeIntervalSince(sent) < 10 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(!run.process.isRunning, "opsctl was still waiting 10 s after SIGINT")
        if !run.process.isRunning {
            #expect(run.process.terminationReason == .uncaughtSignal)
            #expect(run.process.terminationStatus == SIGINT)
        }
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

/// A loopback listener that accepts connections and never answers.
private struct HungPeer {
    let listener: Int32
    let port: UInt16

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        self.listener = listener
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
        port = UInt16(bigEndian: address.sin_port)
    }

    /// The connection of a request now in flight.
    func accepted() throws -> Int32 {
        var pending = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        try #require(poll(&pending, 1, 30_000) == 1, "opsctl never connected")
        let connection = accept(listener, nil, nil)
        try #require(connection >= 0)
        return connection
    }

    func close() {
        Glibc.close(listener)
    }
}

/// `opsctl plan --scope github` against a hung peer, once its request is in flight.
private struct PlanAgainst {
    let process: Process
    let workspace: Workspace
    let connection: Int32

    init(_ peer: HungPeer) throws {
        workspace = try Workspace.make()
        try workspace.write("desired-state.yaml", "version: 1\ngithub:\n  labels:\n    - { name: bug, color: d73a4a }\n")
        try workspace.write("change-policy.yaml", "version: 1\n")
        process = Process()
        process.executableURL = try OpsctlBinary.locate().url
        process.arguments = ["plan", "--scope", "github", "--out", "plan.json"]
        process.currentDirectoryURL = workspace.url
        process.environment = [
            "PATH": "/usr/bin:/bin", "OPS_GITHUB_API_URL": "http://127.0.0.1:\(peer.port)", "OPS_GITHUB_TOKEN": "t",
            "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": "app",
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        do {
            connection = try peer.accepted()
        } catch {
            process.terminate()
            process.waitUntilExit()
            workspace.remove()
            throw error
        }
    }

    func end() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        close(connection)
        workspace.remove()
    }
}
