// A separate process that writes receipts, so tests can race several writers on one log
// (threads in one process would share flock semantics differently and prove less).
//
//   opsctl-test-appender <log> <count> <actor>   append <count> `approve` receipts; exit 0, or 1 on error
//   opsctl-test-appender --verify <log>          print "intact ENTRIES SEQ HASH" and exit 0, or the
//                                                failure and exit 2 (for tests that cannot import OpsCore)
//   opsctl-test-appender --hold-lock <log> <actor>
//                                                take the apply lock, print "locked" and wait to be killed
//
// <log> is a file path or a PostgreSQL address (postgres://… or a keyword DSN), as for opsctl.
import Foundation
import OpsConnectors
import OpsCore

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("opsctl-test-appender: \(message)\n".utf8))
    exit(status)
}

func store(_ log: String) -> any ReceiptStore {
    if PostgresReceiptStore.isDatabaseAddress(log) {
        return PostgresReceiptStore(address: log, key: nil, checkpointPath: "/dev/null/checkpoint")
    }
    return ReceiptLog(path: log)
}

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.count == 2, arguments[0] == "--verify" {
    do {
        let report = try store(arguments[1]).verify(expectHead: nil)
        if let failure = report.failure { fail(failure.message, status: 2) }
        print("intact \(report.entries) \(report.head.map { "\($0.seq) \($0.hash)" } ?? "- -")")
        exit(0)
    } catch {
        fail(error.message)
    }
}

if arguments.count == 3, arguments[0] == "--hold-lock" {
    let holder = ApplyLock.Holder(
        actor: arguments[2], pid: getpid(), since: "2026-11-22T14:02:00Z", plan: "plan.json",
        host: ApplyLock.Holder.currentHost, planDigest: "sha256:" + String(repeating: "ab", count: 32))
    do {
        let lease = try store(arguments[1]).acquireApplyLock(holder: holder)
        FileHandle.standardOutput.write(Data("locked\n".utf8))
        while true { sleep(60) }
        withExtendedLifetime(lease) {}
    } catch {
        fail(error.diagnostic.message)
    }
}

guard arguments.count == 3, let count = Int(arguments[1]), count >= 0 else {
    fail("usage: opsctl-test-appender <log> <count> <actor> | --verify <log> | --hold-lock <log> <actor>", status: 64)
}
let log = store(arguments[0])
let actor = arguments[2]
for index in 0..<count {
    do {
        try log.append(kind: .approve, actor: actor, body: ["actor": .string(actor), "i": .int(index)], date: Date())
    } catch {
        fail("append \(index) of \(count) failed: \(error.message)")
    }
}
exit(0)
