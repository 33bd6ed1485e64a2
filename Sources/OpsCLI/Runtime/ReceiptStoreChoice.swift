import OpsConnectors
import OpsCore

/// Which receipts store a command uses: `--receipts` when given, else `OPSCTL_RECEIPTS_URL`,
/// else the default file. A `postgres://` URI or a keyword DSN selects PostgreSQL (log
/// `OPSCTL_RECEIPTS_LOG`, default `default`); anything else is a file path.
struct ReceiptStoreChoice: Sendable, Equatable {
    enum Backend: Sendable, Equatable {
        case file(path: String)
        case postgres(address: String, logID: String)
    }

    let backend: Backend

    init(globals: GlobalOptions, environment: (String) -> String?) {
        let given = globals.receiptsPath ?? environment("OPSCTL_RECEIPTS_URL") ?? GlobalOptions.defaultReceiptsPath
        if PostgresReceiptStore.isDatabaseAddress(given) {
            backend = .postgres(address: given, logID: environment("OPSCTL_RECEIPTS_LOG") ?? PostgresReceiptStore.defaultLogID)
        } else {
            backend = .file(path: given)
        }
    }

    /// A path whose directory holds the local files that go with the log (checkpoint,
    /// fingerprint key, apply lock): beside the file, or `.opsctl/` for a database log.
    var localDirectoryAnchor: String {
        switch backend {
        case .file(let path): path
        case .postgres: GlobalOptions.defaultReceiptsPath
        }
    }

    /// The store; a database password is registered with the redactor first, so no message
    /// can carry it.
    func store(key: [UInt8]?, redactor: Redactor) -> any ReceiptStore {
        switch backend {
        case .file(let path):
            return ReceiptLog(path: path, key: key)
        case .postgres(let address, let logID):
            if let password = PostgresReceiptStore.password(in: address) { redactor.register(secret: password) }
            let directory = AtomicFile.parentDirectory(of: localDirectoryAnchor)
            return PostgresReceiptStore(address: address, logID: logID, key: key, checkpointPath: directory + "/checkpoint")
        }
    }
}
