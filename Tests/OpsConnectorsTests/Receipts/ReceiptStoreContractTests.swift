import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// One suite for the `ReceiptStore` protocol, run against both stores: whatever a command
/// does with receipts must come out the same on the file and on PostgreSQL.
@Suite("Receipt store contract (file and PostgreSQL)")
struct ReceiptStoreContractTests {
    @Test(arguments: ReceiptStoreBackend.allCases)
    func appendsChainAndReadBack(_ backend: ReceiptStoreBackend) throws {
        let fresh = try backend.makeStore()
        let store = fresh.store
        #expect(try store.head() == nil)
        #expect(try store.list(kind: nil, changeID: nil).isEmpty)
        #expect(try store.verify(expectHead: nil).isIntact)

        let appended = try ReceiptStoreFixtures.appendSample(to: store, count: 5)
        #expect(appended.map(\.seq) == [0, 1, 2, 3, 4])
        #expect(appended[0].prev == Receipt.genesisHash)
        for index in 1..<appended.count { #expect(appended[index].prev == appended[index - 1].hash) }
        #expect(try store.exists())
        #expect(try store.head() == appended.last?.head)
        #expect(try store.list(kind: nil, changeID: nil) == appended)

        let report = try store.verify(expectHead: ExpectedHead(appended[2].head))
        #expect(report.isIntact)
        #expect(report.entries == 5)
        #expect(report.head == appended.last?.head)
        #expect(report.expectedHeadSeq == 2)
    }

    /// What apply trusts approvals through: one pass, one state of the log.
    @Test(arguments: ReceiptStoreBackend.allCases)
    func verifiedReceiptsAreTheListOfAnIntactLog(_ backend: ReceiptStoreBackend) throws {
        let store = try backend.makeStore().store
        let appended = try ReceiptStoreFixtures.appendSample(to: store, count: 4)
        let verified = try store.verifiedReceipts(expectHead: ExpectedHead(appended[3].head))
        #expect(verified.report.isIntact)
        #expect(verified.receipts == appended)
        let wrongHead = ExpectedHead(seq: 3, hash: String(repeating: "f", count: 64))
        let refused = try store.verifiedReceipts(expectHead: wrongHead)
        #expect(refused.report.failure != nil)
        #expect(refused.receipts.isEmpty)
    }

    @Test(arguments: ReceiptStoreBackend.allCases)
    func listFiltersByKindAndChange(_ backend: ReceiptStoreBackend) throws {
        let store = try backend.makeStore().store
        let appended = try ReceiptStoreFixtures.appendSample(to: store, count: 6)
        #expect(try store.list(kind: .approve, changeID: nil) == appended.filter { $0.kind == .approve })
        // The plan receipt names both changes through `changeIds`.
        let pro = try store.list(kind: nil, changeID: "stripe.product.pro")
        #expect(pro == appended.filter { $0.names(changeID: "stripe.product.pro") })
        #expect(pro.first?.kind == .plan)
    }

    /// The bytes a PostgreSQL log exports are the bytes the file holds for the same receipts.
    @Test func exportIsByteIdenticalAcrossStores() throws {
        let file = try ReceiptStoreBackend.file.makeStore().store as! ReceiptLog
        let database = try ReceiptStoreBackend.postgres.makeStore().store
        try ReceiptStoreFixtures.appendSample(to: file, count: 7)
        try ReceiptStoreFixtures.appendSample(to: database, count: 7)
        let fileBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
        #expect(try database.exportedBytes() == fileBytes)
        #expect(try file.exportedBytes() == fileBytes)
    }

    @Test(arguments: ReceiptStoreBackend.allCases)
    func macKeyIsWrittenAndRequired(_ backend: ReceiptStoreBackend) throws {
        let key = Array("receipts-key-for-tests".utf8)
        let fresh = try backend.makeStore(key: key)
        let appended = try ReceiptStoreFixtures.appendSample(to: fresh.store, count: 3)
        #expect(appended.allSatisfy { $0.mac != nil })
        #expect(try fresh.store.verify(expectHead: nil).isIntact)
        #expect(try fresh.store.verify(expectHead: nil).macsChecked)

        let wrongKey = try ReceiptLog.verify(bytes: fresh.store.exportedBytes(), key: Array("another key".utf8))
        #expect(wrongKey.failure?.reason == .badMAC)
    }

    @Test(arguments: ReceiptStoreBackend.allCases)
    func applyLockRefusesASecondHolderAndNamesTheFirst(_ backend: ReceiptStoreBackend) throws {
        let fresh = try backend.makeStore()
        let carol = ApplyLock.Holder(
            actor: "carol@example.com", pid: 4242, since: "2026-11-22T14:02:00Z", plan: "plan.json", host: "ci-runner-7",
            planDigest: "sha256:" + String(repeating: "c", count: 64))
        let lease = try fresh.store.acquireApplyLock(holder: carol)
        #expect(try fresh.store.applyLockHolder()?.actor == "carol@example.com")

        let other = try fresh.fromAnotherMachine()
        let dave = ApplyLock.Holder(actor: "dave", pid: 1, since: "2026-11-22T14:03:00Z", plan: "other.json")
        do {
            _ = try other.acquireApplyLock(holder: dave)
            Issue.record("a second apply lock was granted")
        } catch {
            guard case .locked(_, let holder?) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(holder.actor == carol.actor)
            #expect(holder.host == "ci-runner-7")
            #expect(holder.planDigest == carol.planDigest)
            let message = error.diagnostic.message
            #expect(message.contains("apply is locked by carol@example.com on ci-runner-7 since 2026-11-22T14:02:00Z for plan sha256:ccc"))
        }

        lease.release()
        #expect(try fresh.store.applyLockHolder() == nil)
        let again = try other.acquireApplyLock(holder: dave)
        again.release()
    }

    @Test(arguments: ReceiptStoreBackend.allCases)
    func breakingTheLockReturnsItsHolderAndFreesIt(_ backend: ReceiptStoreBackend) throws {
        let fresh = try backend.makeStore()
        let holder = ApplyLock.Holder(actor: "carol", pid: 7, since: "2026-11-22T14:02:00Z", plan: "plan.json")
        let lease = try fresh.store.acquireApplyLock(holder: holder)
        defer { lease.release() }
        let broken = try #require(try fresh.store.breakApplyLock())
        #expect(broken.actor == "carol")
        #expect(try fresh.store.breakApplyLock() == nil)
        let next = try fresh.fromAnotherMachine().acquireApplyLock(holder: .init(actor: "dave", pid: 8, since: "now", plan: "p"))
        next.release()
    }

    @Test(arguments: ReceiptStoreBackend.allCases)
    func importLoadsAVerifiedLogIntoAnEmptyOne(_ backend: ReceiptStoreBackend) throws {
        let source = try ReceiptStoreBackend.file.makeStore().store
        try ReceiptStoreFixtures.appendSample(to: source, count: 4)
        let bytes = try source.exportedBytes()
        var lines: [[UInt8]] = []
        try source.forEachLine { line in
            lines.append(Array(line))
            return true
        }

        let target = try backend.makeStore().store
        try target.importLines(lines)
        #expect(try target.exportedBytes() == bytes)
        #expect(try target.verify(expectHead: nil).isIntact)
        // Later appends chain onto the imported head.
        let next = try target.append(kind: .approve, actor: "dave", body: [:], date: ReceiptStoreFixtures.start)
        #expect(next.seq == 4)
        #expect(try target.verify(expectHead: nil).isIntact)

        #expect(throws: ReceiptError.self) { try target.importLines(lines) }
    }

    @Test(arguments: ReceiptStoreBackend.allCases)
    func checkpointStaysALocalFile(_ backend: ReceiptStoreBackend) throws {
        let fresh = try backend.makeStore()
        let appended = try ReceiptStoreFixtures.appendSample(to: fresh.store, count: 2)
        try fresh.store.writeCheckpoint(appended[1].head)
        #expect(fresh.store.checkpointPath.hasPrefix(fresh.directory))
        #expect(try fresh.store.readCheckpoint() == appended[1].head)
    }
}
