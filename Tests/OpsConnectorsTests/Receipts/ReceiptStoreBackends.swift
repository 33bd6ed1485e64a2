import Foundation
import OpsCore

@testable import OpsConnectors

/// The two receipts stores, each made fresh for one test: a JSONL file in its own directory,
/// or a PostgreSQL log in its own database of the test cluster, schema created.
enum ReceiptStoreBackend: String, CaseIterable, Sendable {
    case file
    case postgres

    /// A new, empty store (and the directory its local files go in).
    func makeStore(key: [UInt8]? = nil) throws -> FreshStore {
        let directory = ReceiptStoreScratch.directory("receipts")
        try FileManager.default.createDirectory(atPath: directory + "/.opsctl", withIntermediateDirectories: true)
        switch self {
        case .file:
            return FreshStore(store: ReceiptLog(path: directory + "/.opsctl/receipts.jsonl", key: key), directory: directory, address: nil)
        case .postgres:
            let database = try TestPostgres.cluster().makeDatabase(loading: nil)
            let store = PostgresReceiptStore(address: database.uri, key: key, checkpointPath: directory + "/.opsctl/checkpoint")
            _ = try store.initializeSchema(grantTo: nil)
            return FreshStore(store: store, directory: directory, address: database.uri)
        }
    }
}

struct FreshStore: @unchecked Sendable {
    let store: any ReceiptStore
    /// A working directory of its own (the "machine").
    let directory: String
    /// The PostgreSQL address, for the database backend.
    let address: String?

    /// The same log seen from another working directory, as another machine would see it:
    /// the same file or database, but its own local checkpoint.
    func fromAnotherMachine(key: [UInt8]? = nil) throws -> any ReceiptStore {
        let other = ReceiptStoreScratch.directory("machine")
        try FileManager.default.createDirectory(atPath: other + "/.opsctl", withIntermediateDirectories: true)
        if let address {
            return PostgresReceiptStore(address: address, key: key, checkpointPath: other + "/.opsctl/checkpoint")
        }
        return store
    }
}

/// One scratch directory per test process for the stores' working directories, removed when
/// the process exits.
enum ReceiptStoreScratch {
    static let root: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-receipt-stores-\(getpid())").path
        atexit { try? FileManager.default.removeItem(atPath: ReceiptStoreScratch.root) }
        return path
    }()

    static func directory(_ prefix: String) -> String {
        root + "/\(prefix)-\(UUID().uuidString)"
    }
}

enum ReceiptStoreFixtures {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// Appends a fixed sequence of receipts (fixed dates, so two stores get identical bytes).
    @discardableResult
    static func appendSample(to store: any ReceiptStore, count: Int = 5) throws -> [Receipt] {
        var receipts: [Receipt] = []
        let kinds: [ReceiptKind] = [.plan, .approve, .intent, .outcome, .reject]
        for index in 0..<count {
            let kind = kinds[index % kinds.count]
            let body: [String: JSONValue] =
                kind == .plan
                ? ["changeIds": .array([.string("github.label.bug"), .string("stripe.product.pro")]), "n": .int(index)]
                : ["changeId": .string(index % 2 == 0 ? "github.label.bug" : "stripe.product.pro"), "n": .int(index), "note": .string("ünïcode / \"quoted\"")]
            receipts.append(try store.append(kind: kind, actor: "carol@example.com", body: body, date: start.addingTimeInterval(Double(index) * 60)))
        }
        return receipts
    }
}
