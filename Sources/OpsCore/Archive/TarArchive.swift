/// A POSIX ustar archive of regular files with flat, fixed names: the container of export
/// bundles. The format is 512-byte blocks (a header per file, its data padded to a block, two
/// zero blocks at the end), written and read here like any other wire format; compression is
/// zlib's (`Gzip`).
package enum TarArchive {
    package struct Entry: Sendable, Equatable {
        package var name: String
        package var bytes: [UInt8]

        package init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    static let blockSize = 512

    /// Names must be short, flat and plain: nothing that could point outside the directory
    /// a user extracts into.
    package static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count < 100 && name != "." && name != ".." && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    /// Files owned by root:root, mode 0644, all with `modified` as their time, so the same
    /// entries always give the same bytes.
    package static func write(_ entries: [Entry], modified: Int) throws(ArchiveError) -> [UInt8] {
        var archive: [UInt8] = []
        for entry in entries {
            guard isSafeName(entry.name) else { throw ArchiveError("'\(entry.name)' is not a plain file name for an archive") }
            archive += header(name: entry.name, size: entry.bytes.count, modified: modified)
            archive += entry.bytes
            let remainder = entry.bytes.count % blockSize
            if remainder != 0 { archive += [UInt8](repeating: 0, count: blockSize - remainder) }
        }
        archive += [UInt8](repeating: 0, count: 2 * blockSize)
        return archive
    }

    private static func header(name: String, size: Int, modified: Int) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        }
        put(name, at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(modified, width: 12), at: 136)
        put("        ", at: 148)  // the checksum is computed with its own field as spaces
        put("0", at: 156)
        put("ustar", at: 257)
        put("00", at: 263)
        put("root", at: 265)
        put("root", at: 297)
        let checksum = block.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7), at: 148)
        block[155] = 0x20
        return block
    }

    /// The entries of an archive this module wrote (or one shaped like it): regular files with
    /// plain names, checksums correct, nothing after the end blocks but padding.
    package static func read(_ archive: [UInt8]) throws(ArchiveError) -> [Entry] {
        var entries: [Entry] = []
        var offset = 0
        while true {
            guard offset + blockSize <= archive.count else { throw ArchiveError("the archive ends without its end-of-archive blocks") }
            let block = Array(archive[offset..<offset + blockSize])
            if block.allSatisfy({ $0 == 0 }) { return entries }
            let name = try field(block, 0, 100)
            guard isSafeName(name) else { throw ArchiveError("the archive holds '\(name)', which is not a plain file name") }
            guard block[257..<262].elementsEqual("ustar".utf8) else { throw ArchiveError("the entry '\(name)' is not in ustar format") }
            guard block[156] == UInt8(ascii: "0") || block[156] == 0 else { throw ArchiveError("the entry '\(name)' is not a regular file") }
            guard let size = Int(try field(block, 124, 12).trimmingCharacters(in: " "), radix: 8),
                let recorded = Int(try field(block, 148, 8).trimmingCharacters(in: " "), radix: 8)
            else { throw ArchiveError("the header of '\(name)' has a malformed size or checksum") }
            var unsigned = block
            for index in 148..<156 { unsigned[index] = 0x20 }
            guard unsigned.reduce(0, { $0 + Int($1) }) == recorded else { throw ArchiveError("the header of '\(name)' fails its checksum") }
            let start = offset + blockSize
            guard size >= 0, start + size <= archive.count else { throw ArchiveError("the archive ends inside '\(name)'") }
            guard !entries.contains(where: { $0.name == name }) else { throw ArchiveError("the archive holds '\(name)' twice") }
            entries.append(Entry(name: name, bytes: Array(archive[start..<start + size])))
            offset = start + (size + blockSize - 1) / blockSize * blockSize
        }
    }

    private static func field(_ block: [UInt8], _ offset: Int, _ length: Int) throws(ArchiveError) -> String {
        let bytes = block[offset..<offset + length].prefix { $0 != 0 }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ArchiveError("an archive header is not text") }
        return text
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(self.drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
