/// A JSON document written as it is produced, in both of `JSONWriter`'s forms at once: the
/// canonical bytes a digest is taken over and the pretty bytes a file holds. A plan is written
/// this way in one pass, its parts drained as they fill, instead of being built as a
/// `JSONValue` tree and serialised twice (docs/performance.md).
///
/// Callers give object members in canonical key order (`JSONWriter.sortedKeys`); nothing is
/// sorted here. Values that are already `JSONValue`s go through `JSONWriter` itself.
struct JSONTwinWriter {
    /// Canonical bytes not yet drained.
    var canonical: OutputBytes
    /// Pretty bytes not yet drained; always empty when `writesPretty` is false.
    var pretty: OutputBytes
    let writesPretty: Bool
    /// Pretty bytes drained so far: where `pretty` starts in the whole document.
    private(set) var prettyDrained = 0

    private var level = 0
    /// Whether the container being written has no element yet.
    private var atContainerStart = true
    /// Whether a member's name was just written, so its value needs no separator.
    private var followsName = false

    /// Spaces per level, as `JSONWriter.pretty` indents.
    private static let indentWidth = JSONWriter.prettyIndent.utf8CodeUnitCount

    init(writesPretty: Bool, capacity: Int = 0) {
        self.writesPretty = writesPretty
        canonical = OutputBytes(capacity: capacity)
        pretty = OutputBytes(capacity: writesPretty ? capacity + capacity / 2 : 0)
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member's name made at run time; its value follows.
    mutating func name(text name: String) {
        separate()
        let start = canonical.count
        canonical.appendJSONString(name)
        canonical.append(UInt8(ascii: ":"))
        if writesPretty {
            canonical.copy(from: start, to: &pretty)
            pretty.append(UInt8(ascii: " "))
        }
        followsName = true
    }

    /// A member's name written in the source (every key of the plan's format): its bytes are
    /// copied as they are, with no look for characters to escape, which the names never hold.
    mutating func name(_ name: StaticString) {
        assert(name.hasPointerRepresentation && UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            .allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        assert(level > 0 && !followsName, "a member's name belongs in an object, after a value")
        // What `separate()` writes before it, fused into one write to each form: a member's
        // name is the commonest thing a plan holds, names were over a third of writing a
        // check, and each write checks the buffer's room and uniqueness (docs/performance.md).
        // A name is always inside an object and never follows another name.
        let comma = !atContainerStart
        atContainerStart = false
        let length = name.utf8CodeUnitCount
        // `,"name":` in both forms; in the pretty one a line break and indentation before the
        // name and a space after it.
        canonical.write(atMost: length + 4) { room in
            var written = 0
            if comma {
                room[0] = UInt8(ascii: ",")
                written = 1
            }
            return written + Self.writeName(name, to: room + written)
        }
        if writesPretty {
            let spaces = Self.indentWidth * level
            pretty.write(atMost: length + spaces + 6) { room in
                var written = 0
                if comma {
                    room[0] = UInt8(ascii: ",")
                    written = 1
                }
                room[written] = UInt8(ascii: "\n")
                (room + written + 1).initialize(repeating: UInt8(ascii: " "), count: spaces)
                written += 1 + spaces
                written += Self.writeName(name, to: room + written)
                room[written] = UInt8(ascii: " ")
                return written + 1
            }
        }
        followsName = true
    }

    /// A string value made of pieces `build` appends to the bytes it is given, each escaped as
    /// it goes (`appendJSONEscaped`, `appendJSONInt`): no `String` is made first.
    mutating func string(building build: (inout OutputBytes) -> Void) {
        separate()
        let start = canonical.count
        canonical.append(UInt8(ascii: "\""))
        build(&canonical)
        canonical.append(UInt8(ascii: "\""))
        if writesPretty { canonical.copy(from: start, to: &pretty) }
    }

    mutating func string(_ text: String) {
        separate()
        let start = canonical.count
        canonical.appendJSONString(text)
        if writesPretty { canonical.copy(from: start, to: &pretty) }
    }

    mutating func int(_ number: Int) {
        separate()
        let start = canonical.count
        canonical.appendJSONInt(number)
        if writesPretty { canonical.copy(from: start, to: &pretty) }
    }

    mutating func bool(_ flag: Bool) {
        separate()
        canonical.append(flag ? "true" : "false")
        if writesPretty { pretty.append(flag ? "true" : "false") }
    }

    mutating func value(_ value: JSONValue) {
        separate()
        JSONWriter.write(value, into: &canonical, indent: nil, level: 0)
        if writesPretty { JSONWriter.write(value, into: &pretty, indent: JSONWriter.prettyIndent, level: level) }
    }

    /// `"name":`; returns its length.
    @inline(__always)
    private static func writeName(_ name: StaticString, to room: UnsafeMutablePointer<UInt8>) -> Int {
        let length = name.utf8CodeUnitCount
        room[0] = UInt8(ascii: "\"")
        (room + 1).update(from: name.utf8Start, count: length)
        room[length + 1] = UInt8(ascii: "\"")
        room[length + 2] = UInt8(ascii: ":")
        return length + 3
    }

    /// A string member that the pretty form has and the canonical form leaves out (the plan's
    /// own digest, which cannot cover itself). It must not be its object's first member.
    /// Returns where `value`'s first byte sits in the whole pretty document, so a value known
    /// only at the end can be written over a placeholder of the same length.
    mutating func prettyOnlyMember(_ name: String, _ value: String) -> Int {
        precondition(!atContainerStart && !followsName, "a pretty-only member cannot open its object")
        guard writesPretty else { return prettyDrained + pretty.count }
        pretty.append(UInt8(ascii: ","))
        newline()
        pretty.appendJSONString(name)
        pretty.append(": ")
        let offset = prettyDrained + pretty.count + 1
        pretty.appendJSONString(value)
        return offset
    }

    /// An empty writer for elements of the array being written, to be filled elsewhere (on
    /// another thread) and appended with `append(elements:)`. Its first element opens the
    /// array if this writer's would, unless `followingOthers` (elements written before it).
    func elementWriter(followingOthers: Bool = false) -> JSONTwinWriter {
        precondition(level > 0 && !followsName, "elements belong in an open array")
        var writer = JSONTwinWriter(writesPretty: writesPretty)
        writer.level = level
        writer.atContainerStart = atContainerStart && !followingOthers
        return writer
    }

    /// Appends what an `elementWriter` of this writer wrote, as if written here.
    mutating func append(elements writer: JSONTwinWriter) {
        guard !writer.canonical.isEmpty else { return }
        canonical.append(writer.canonical)
        pretty.append(writer.pretty)
        atContainerStart = false
    }

    /// Hands the pending pretty bytes to `sink` and forgets them, keeping the buffer's room.
    mutating func drainPretty<Failure: Error>(_ sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        guard !pretty.isEmpty else { return }
        try sink(pretty.bytes)
        prettyDrained += pretty.count
        pretty.removeAll()
    }

    /// Hands the pending canonical bytes to `sink` and forgets them, keeping the buffer's room.
    mutating func drainCanonical(_ sink: ([UInt8]) -> Void) {
        guard !canonical.isEmpty else { return }
        sink(canonical.bytes)
        canonical.removeAll()
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        canonical.append(bracket)
        if writesPretty { pretty.append(bracket) }
        level += 1
        atContainerStart = true
    }

    private mutating func close(_ bracket: UInt8) {
        level -= 1
        // An empty container stays `{}` / `[]` in both forms, as `JSONWriter` writes it.
        if !atContainerStart, writesPretty { newline() }
        canonical.append(bracket)
        if writesPretty { pretty.append(bracket) }
        // The container just closed is an element of its parent.
        atContainerStart = false
    }

    /// What goes before an element: nothing after a member's name or at the top, else a comma
    /// unless it is the first, and in the pretty form a line break and indentation.
    private mutating func separate() {
        if followsName {
            followsName = false
            return
        }
        guard level > 0 else { return }
        if !atContainerStart {
            canonical.append(UInt8(ascii: ","))
            if writesPretty { pretty.append(UInt8(ascii: ",")) }
        }
        atContainerStart = false
        if writesPretty { newline() }
    }

    /// A line break and the indentation, written as one run: appending a repeated space
    /// element by element was a tenth of writing a plan's checks (docs/performance.md).
    private mutating func newline() {
        let spaces = Self.indentWidth * level
        pretty.write(atMost: 1 + spaces) { room in
            room[0] = UInt8(ascii: "\n")
            (room + 1).initialize(repeating: UInt8(ascii: " "), count: spaces)
            return 1 + spaces
        }
    }
}
