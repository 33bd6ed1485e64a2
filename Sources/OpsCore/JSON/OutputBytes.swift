/// Bytes that a writer of many short pieces appends through a pointer, into room it makes
/// once per piece. `Array.append` checks uniqueness and capacity, and goes through generic code
/// for anything but a single byte, on every call: for the plan file's checks, whose pieces are
/// a member's name, a few punctuation bytes and a short string, that was two thirds of the
/// work (docs/performance.md).
///
/// A value, as an array is: the bytes live in an array whose elements past `count` are spare
/// room, zeroed, never read.
package struct OutputBytes {
    private var storage: [UInt8]
    package private(set) var count = 0

    package init(capacity: Int = 0) {
        storage = [UInt8](repeating: 0, count: Swift.max(capacity, 256))
    }

    package var isEmpty: Bool { count == 0 }

    /// The bytes written, as an array of their own.
    package var bytes: [UInt8] { Array(storage[..<count]) }

    /// Runs `write` with room for `maximum` bytes at the end; it returns how many it wrote,
    /// at most `maximum`.
    @inline(__always)
    package mutating func write(atMost maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maximum > storage.count { grow(toHold: count + maximum) }
        let start = count
        let written = storage.withUnsafeMutableBufferPointer { room in write(room.baseAddress! + start) }
        precondition(written <= maximum, "wrote past the room asked for")
        count += written
    }

    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        write(atMost: 1) { room in
            room.pointee = byte
            return 1
        }
    }

    @inline(__always)
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        write(atMost: bytes.count) { room in
            UnsafeMutableRawPointer(room).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            return bytes.count
        }
    }

    /// A name written in the source, such as a JSON member's.
    @inline(__always)
    package mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    package mutating func append(_ other: OutputBytes) {
        other.copy(from: 0, to: &self)
    }

    /// Appends the bytes from `offset` on to `other`: a piece written to one form of a
    /// document and wanted in another is copied from where it was written.
    package func copy(from offset: Int, to other: inout OutputBytes) {
        precondition(offset <= count, "offset past the bytes written")
        guard offset < count else { return }
        storage.withUnsafeBytes { source in
            other.append(UnsafeRawBufferPointer(rebasing: source[offset..<count]))
        }
    }

    /// The bytes written, handing the storage over instead of copying it.
    package consuming func takeBytes() -> [UInt8] {
        storage.removeSubrange(count...)
        return storage
    }

    /// Forgets the bytes, keeping the room.
    package mutating func removeAll() {
        count = 0
    }

    private mutating func grow(toHold needed: Int) {
        var capacity = storage.count
        while capacity < needed { capacity *= 2 }
        storage.append(contentsOf: repeatElement(0, count: capacity - storage.count))
    }
}
