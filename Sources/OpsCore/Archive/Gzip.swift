internal import CZlib

/// gzip through the system's zlib: nothing about deflate is written here, only the calls.
package enum Gzip {
    /// Refuses to inflate beyond this, so a small hostile file cannot fill memory.
    package static let defaultOutputLimit = 256 * 1024 * 1024

    package static func compress(_ bytes: [UInt8]) throws(ArchiveError) -> [UInt8] {
        var stream = z_stream()
        guard opsctl_deflate_init_gzip(&stream, Z_BEST_COMPRESSION) == Z_OK else {
            throw ArchiveError("zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let status = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ArchiveError("zlib could not compress the archive (status \(status))") }
        return Array(output.prefix(Int(stream.total_out)))
    }

    package static func decompress(_ bytes: [UInt8], limit: Int = defaultOutputLimit) throws(ArchiveError) -> [UInt8] {
        var stream = z_stream()
        guard opsctl_inflate_init_gzip(&stream) == Z_OK else { throw ArchiveError("zlib could not start decompressing") }
        defer { inflateEnd(&stream) }
        var input = bytes
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        try input.withUnsafeMutableBufferPointer { (inputBuffer) throws(ArchiveError) in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return chunkBuffer.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw ArchiveError(status == Z_BUF_ERROR ? "the gzip data ends too early" : "the data is not valid gzip (zlib status \(status))")
                }
                result.append(contentsOf: chunk.prefix(produced))
                guard result.count <= limit else { throw ArchiveError("the archive expands beyond \(limit) bytes") }
                if status == Z_OK, produced == 0, stream.avail_in == 0 { throw ArchiveError("the gzip data ends too early") }
            } while status != Z_STREAM_END
            guard stream.avail_in == 0 else { throw ArchiveError("there are bytes after the end of the gzip data") }
        }
        return result
    }
}
