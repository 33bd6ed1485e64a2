internal import CLibPQ
import Foundation

/// A bound parameter: text, or raw bytes for a `bytea`, sent in binary so that no escaping
/// or encoding conversion can touch them (receipt lines must arrive byte for byte).
enum PostgresValue: Sendable, Equatable {
    case text(String?)
    case bytes([UInt8])
}

extension PostgresConnection {
    /// Runs one statement with text and binary parameters; results come back as text.
    func query(_ sql: String, values: [PostgresValue]) throws(PostgresError) -> PostgresRows {
        let buffers: [UnsafeMutablePointer<CChar>?] = values.map { value in
            switch value {
            case .text(let text?): return strdup(text)
            case .text(nil): return nil
            case .bytes(let bytes):
                let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
                bytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { UnsafeMutableRawPointer(copy).copyMemory(from: base, byteCount: raw.count) }
                }
                return copy
            }
        }
        defer {
            for (value, buffer) in zip(values, buffers) {
                if case .bytes = value { buffer?.deallocate() } else { free(buffer) }
            }
        }
        let lengths: [Int32] = values.map { value in
            if case .bytes(let bytes) = value { return Int32(bytes.count) }
            return 0
        }
        let formats: [Int32] = values.map { value in
            if case .bytes = value { return 1 }
            return 0
        }
        let result = buffers.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { pointers in
                lengths.withUnsafeBufferPointer { lengthPointer in
                    formats.withUnsafeBufferPointer { formatPointer in
                        pq.execParams(
                            handle, sql, Int32(values.count), nil, pointers.baseAddress, lengthPointer.baseAddress,
                            formatPointer.baseAddress, 0)
                    }
                }
            }
        }
        return try checkResult(result, sql: sql, location: nil)
    }

    /// Runs a query whose first column is read in binary (a `bytea` arrives as its raw bytes)
    /// in libpq's single-row mode, handing each row's value to `body` as it arrives, so memory
    /// does not grow with the result. `body` returns false to ignore the rest (which is still
    /// read off the connection, so the connection stays usable).
    func streamFirstColumn(
        _ sql: String, _ parameters: [String?], _ body: (UnsafeRawBufferPointer?) -> Bool
    ) throws(PostgresError) {
        let sent = withTextParameters(parameters) { count, values in
            // Result format 1: binary, for every column.
            pq.sendQueryParams(handle, sql, count, nil, values, nil, nil, 1)
        }
        guard sent == 1 else { throw .protocolFailure(scrubber.scrub(Self.lastError(of: handle, pq: pq))) }
        guard pq.setSingleRowMode(handle) == 1 else {
            while let result = pq.getResult(handle) { pq.clear(result) }
            throw .protocolFailure("libpq refused single-row mode")
        }
        var failure: PostgresError?
        var wanted = true
        while let result = pq.getResult(handle) {
            defer { pq.clear(result) }
            switch pq.resultStatus(result) {
            case PGRES_SINGLE_TUPLE:
                guard wanted, failure == nil else { continue }
                if pq.getisnull(result, 0, 0) == 1 {
                    wanted = body(nil)
                } else {
                    let value = UnsafeRawBufferPointer(start: pq.getvalue(result, 0, 0), count: Int(pq.getlength(result, 0, 0)))
                    wanted = body(value)
                }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                break
            default:
                if failure == nil { failure = .statementFailed(serverError(result, sql: sql, location: nil)) }
            }
        }
        if let failure { throw failure }
    }
}
