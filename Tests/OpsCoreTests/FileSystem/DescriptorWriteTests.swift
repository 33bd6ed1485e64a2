import Foundation
import Glibc
import Synchronization
import Testing
@testable import OpsCore

@Suite struct DescriptorWriteTests {
    /// A pipe holds 64 KiB: a megabyte written into it, drained meanwhile by another thread,
    /// must arrive whole and in order.
    @Test func aMegabyteArrivesWholeThroughAPipe() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let bytes = (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) }
        let reader = ends[0]
        let drained = Mutex<[UInt8]>([])
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(reader, $0.baseAddress!, $0.count) }
                if count <= 0 { break }
                received.append(contentsOf: chunk[..<count])
            }
            drained.withLock { $0 = received }
            done.signal()
        }
        #expect(DescriptorWrite.all(bytes, to: ends[1]) == nil)
        close(ends[1])
        done.wait()
        close(reader)
        #expect(drained.withLock { $0 } == bytes)
    }

    @Test func aWriteAtAnOffsetReplacesThoseBytesOnly() throws {
        let path = NSTemporaryDirectory() + "descriptor-write-\(UUID().uuidString)"
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor); unlink(path) }
        #expect(DescriptorWrite.all(Array("abcdefgh".utf8), to: descriptor) == nil)
        #expect(DescriptorWrite.all(Array("XY".utf8), to: descriptor, at: 3) == nil)
        #expect(FileBytes.read(path: path, limit: 64) == .bytes(Array("abcXYfgh".utf8)))
    }

    @Test func aFailedWriteGivesItsErrno() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[1])
        // A descriptor that is not open for writing.
        #expect(DescriptorWrite.all([1, 2, 3], to: ends[0]) == EBADF)
        close(ends[0])
        #expect(DescriptorWrite.all([], to: -1) == nil)
    }
}
