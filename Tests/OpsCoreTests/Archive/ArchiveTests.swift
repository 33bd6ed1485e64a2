import Foundation
import OpsTesting
import Testing

@testable import OpsCore

@Suite("gzip and tar")
struct ArchiveTests {
    static let entries = [
        TarArchive.Entry(name: "manifest.json", bytes: Array("{\"a\": 1}\n".utf8)),
        TarArchive.Entry(name: "empty.txt", bytes: []),
        TarArchive.Entry(name: "exact-block.bin", bytes: [UInt8](repeating: 7, count: 512)),
        TarArchive.Entry(name: "big.bin", bytes: (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
    ]

    @Test func gzipRoundTripsAndTheSystemGunzipAgrees() throws {
        let data = Array(String(repeating: "opsctl ", count: 10_000).utf8)
        let compressed = try Gzip.compress(data)
        #expect(compressed.count < data.count / 10)
        #expect(Array(compressed.prefix(2)) == [0x1F, 0x8B], "the gzip magic")
        #expect(try Gzip.decompress(compressed) == data)

        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(compressed).write(to: directory.appendingPathComponent("data.gz"))
        let gunzip = try runTool(["gzip", "-dc", "data.gz"], in: directory)
        #expect(gunzip.status == 0)
        #expect(gunzip.output == String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [
        ([UInt8](), "ends too early"),
        (Array("not gzip at all".utf8), "not valid gzip"),
    ])
    func gzipRefusesGarbage(bytes: [UInt8], reason: String) {
        #expect(throws: ArchiveError.self) { try Gzip.decompress(bytes) }
    }

    @Test func gzipRefusesTruncatedDataTrailingBytesAndBombs() throws {
        let compressed = try Gzip.compress(Array(String(repeating: "x", count: 100_000).utf8))
        #expect(throws: ArchiveError("the gzip data ends too early")) { try Gzip.decompress(Array(compressed.dropLast(9))) }
        #expect(throws: ArchiveError("there are bytes after the end of the gzip data")) { try Gzip.decompress(compressed + [1, 2, 3]) }
        #expect(throws: ArchiveError("the archive expands beyond 1000 bytes")) { try Gzip.decompress(compressed, limit: 1000) }
    }

    @Test func tarRoundTripsAndTheSystemTarReadsIt() throws {
        let archive = try TarArchive.write(Self.entries, modified: 1_764_583_200)
        #expect(archive.count % 512 == 0)
        #expect(try TarArchive.read(archive) == Self.entries)

        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(try Gzip.compress(archive)).write(to: directory.appendingPathComponent("bundle.tar.gz"))
        let listing = try runTool(["tar", "-tvzf", "bundle.tar.gz"], in: directory)
        #expect(listing.status == 0, "\(listing.output)")
        #expect(listing.output.contains("root/root"))
        #expect(listing.output.contains("2025-12-01"))
        #expect(try runTool(["tar", "-xzf", "bundle.tar.gz"], in: directory).status == 0)
        for entry in Self.entries {
            #expect(Array(try Data(contentsOf: directory.appendingPathComponent(entry.name))) == entry.bytes, "\(entry.name)")
        }
    }

    @Test func theSameEntriesAlwaysGiveTheSameBytes() throws {
        #expect(try TarArchive.write(Self.entries, modified: 5) == TarArchive.write(Self.entries, modified: 5))
    }

    @Test(arguments: ["../escape", "/etc/passwd", "dir/file", ".hidden", "", "spaced name", String(repeating: "a", count: 100)])
    func unsafeNamesAreNeitherWrittenNorRead(name: String) throws {
        #expect(throws: ArchiveError.self) { try TarArchive.write([TarArchive.Entry(name: name, bytes: [1])], modified: 0) }
        // A hostile archive carrying the name (written by patching a safe one's header).
        guard !name.isEmpty, name.utf8.count < 100 else { return }
        var archive = try TarArchive.write([TarArchive.Entry(name: String(repeating: "a", count: name.utf8.count), bytes: [1])], modified: 0)
        for (index, byte) in name.utf8.enumerated() { archive[index] = byte }
        #expect(throws: ArchiveError.self) { try TarArchive.read(archive) }
    }

    @Test func damagedArchivesAreRefusedWithAReason() throws {
        let archive = try TarArchive.write(Self.entries, modified: 0)
        var badChecksum = archive
        badChecksum[130] ^= 0x01
        #expect(throws: ArchiveError("the header of 'manifest.json' fails its checksum")) { try TarArchive.read(badChecksum) }
        #expect(throws: ArchiveError.self) { try TarArchive.read(Array(archive.prefix(1536))) }
        #expect(throws: ArchiveError("the archive ends without its end-of-archive blocks")) { try TarArchive.read(Array(archive.dropLast(1024))) }
        let twice = try TarArchive.write([Self.entries[0]], modified: 0).dropLast(1024) + TarArchive.write([Self.entries[0]], modified: 0)
        #expect(throws: ArchiveError("the archive holds 'manifest.json' twice")) { try TarArchive.read(Array(twice)) }
    }
}
