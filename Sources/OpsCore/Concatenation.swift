extension String {
    /// Up to eight strings one after another, made at their final length in one allocation.
    ///
    /// For the texts a plan makes for each of its resources (a check's ID, name and message):
    /// an interpolation appends segment by segment, each append about 500 instructions, and
    /// grows its storage when the segments outrun its guess. Three pieces cost about 1,650
    /// instructions interpolated and 1,250 here, six pieces 3,000 and 1,350. A literal and a
    /// short value (a label's name) are cheaper interpolated; measure before choosing
    /// (docs/performance.md). One function with empty defaults rather than a variadic list,
    /// whose array cost another 300.
    package init(
        concatenating a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "", _ f: String = "",
        _ g: String = "", _ h: String = ""
    ) {
        let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count + f.utf8.count + g.utf8.count
            + h.utf8.count
        self.init(unsafeUninitializedCapacity: count) { buffer in
            guard var cursor = buffer.baseAddress else { return 0 }
            // Each in turn, not through an array of them: that array was an allocation.
            Self.copy(a, to: &cursor)
            Self.copy(b, to: &cursor)
            Self.copy(c, to: &cursor)
            Self.copy(d, to: &cursor)
            Self.copy(e, to: &cursor)
            Self.copy(f, to: &cursor)
            Self.copy(g, to: &cursor)
            Self.copy(h, to: &cursor)
            return count
        }
    }

    @inline(__always)
    private static func copy(_ piece: String, to cursor: inout UnsafeMutablePointer<UInt8>) {
        guard !piece.isEmpty else { return }
        var piece = piece
        piece.withUTF8 { bytes in
            cursor.update(from: bytes.baseAddress!, count: bytes.count)
            cursor += bytes.count
        }
    }
}
