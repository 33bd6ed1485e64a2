import OpsConnectors
import OpsCore
import Testing
@testable import OpsCLI

/// `--receipts` and `OPSCTL_RECEIPTS_URL` pick the store; the database password goes to the
/// redactor before anything could print it.
struct ReceiptStoreChoiceTests {
    static let canary = "Pw-CANARY-5e1f0c"

    func choice(flag: String? = nil, environment: [String: String] = [:]) -> ReceiptStoreChoice {
        var globals = GlobalOptions()
        globals.receiptsPath = flag
        return ReceiptStoreChoice(globals: globals) { environment[$0] }
    }

    @Test func theFileIsTheDefault() {
        #expect(choice().backend == .file(path: ".opsctl/receipts.jsonl"))
        #expect(choice(flag: "logs/r.jsonl").backend == .file(path: "logs/r.jsonl"))
    }

    @Test func aURLOrAKeywordDSNSelectsPostgreSQL() {
        let url = "postgres://ci:\(Self.canary)@db.example.com:5432/ops"
        #expect(choice(environment: ["OPSCTL_RECEIPTS_URL": url]).backend == .postgres(address: url, logID: "default"))
        #expect(choice(flag: "host=db dbname=ops").backend == .postgres(address: "host=db dbname=ops", logID: "default"))
        #expect(
            choice(environment: ["OPSCTL_RECEIPTS_URL": url, "OPSCTL_RECEIPTS_LOG": "staging"]).backend
                == .postgres(address: url, logID: "staging"))
    }

    @Test func theFlagWinsOverTheVariable() {
        let url = "postgresql://db.example.com/ops"
        #expect(choice(flag: "mine.jsonl", environment: ["OPSCTL_RECEIPTS_URL": url]).backend == .file(path: "mine.jsonl"))
    }

    @Test func thePasswordIsRegisteredAndNeverInTheLocation() {
        let redactor = Redactor(registry: SecretRegistry())
        let url = "postgres://ci:\(Self.canary)@db.example.com:5432/ops"
        let store = choice(environment: ["OPSCTL_RECEIPTS_URL": url]).store(key: nil, redactor: redactor)
        #expect(store is PostgresReceiptStore)
        #expect(!store.location.contains(Self.canary))
        #expect(store.location == "postgresql://ci@db.example.com:5432/ops")
        #expect(store.checkpointPath == ".opsctl/checkpoint")
        #expect(!redactor.redact("connecting with \(Self.canary)").contains(Self.canary))
    }
}
