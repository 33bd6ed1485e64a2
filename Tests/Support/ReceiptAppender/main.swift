// A separate process that writes receipts, so tests can race several writers on one log
// (threads in one process would share flock semantics differently and prove less).
//
//   opsctl-test-appender <log> <count> <actor>   append <count> `approve` receipts; exit 0, or 1 on error
//   opsctl-test-appender --verify <log>          print "intact ENTRIES SEQ HASH" and exit 0, or the
//                                                failure and exit 2 (for tests that cannot import OpsCore)
import Foundation
import OpsCore

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("opsctl-test-appender: \(message)\n".utf8))
    exit(status)
}

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.count == 2, arguments[0] == "--verify" {
    do {
        let report = try ReceiptLog(path: arguments[1]).verify()
        if let failure = report.failure { fail(failure.message, status: 2) }
        print("intact \(report.entries) \(report.head.map { "\($0.seq) \($0.hash)" } ?? "- -")")
        exit(0)
    } catch {
        fail(error.message)
    }
}

guard arguments.count == 3, let count = Int(arguments[1]), count >= 0 else {
    fail("usage: opsctl-test-appender <log> <count> <actor> | --verify <log>", status: 64)
}
let log = ReceiptLog(path: arguments[0])
let actor = arguments[2]
for index in 0..<count {
    do {
        try log.append(kind: .approve, actor: actor, body: ["actor": .string(actor), "i": .int(index)])
    } catch {
        fail("append \(index) of \(count) failed: \(error.message)")
    }
}
exit(0)
