/// A JSON document written as it is produced, in both of `JSONWriter`'s forms at once: the
/// canonical bytes a digest is taken over and the pretty bytes a file holds. A plan is written
/// this way in one pass, its parts drained as they fill, instead of being built as a
/// `JSONValue` tree and serialised twice (docs/performance.md).
///
/// Callers give object members in canonical key order (`JSONWriter.sortedKeys`); nothing is
/// sorted here. Values that are already `JSONValue`s go through `JSONWriter` itself.
struct JSONTwinWriter {
    /// Canonical bytes not yet drained.
    var canonical: [UInt8] = []
    /// Pretty bytes not yet drained; always empty when `writesPretty` is false.
    var pretty: [UInt8] = []
    let writesPretty: Bool
    /// Pretty bytes drained so far: where `pretty` starts in the whole document.
    private(set) var prettyDrained = 0

    private var level = 0
    /// Whether the container being written has no element yet.
    private var atContainerStart = true
    /// Whether a member's name was just written, so its value needs no separator.
    private var followsName = false

    /// Spaces per level, as `JSONWriter.pretty` indents.
    private static let indentWidth = 2
    private static let indent = [UInt8](repeating: UInt8(ascii: " "), count: indentWidth)

    init(writesPretty: Bool, capacity: Int = 0) {
        self.writesPretty = writesPretty
        canonical.reserveCapacity(capacity)
        if writesPretty { pretty.reserveCapacity(capacity + capacity / 2) }
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member's name made at run time; its value follows.
    mutating func name(text name: String) {
        separate()
        let start = canonical.count
        JSONWriter.writeString(name, into: &canonical)
        canonical.append(UInt8(ascii: ":"))
        if writesPretty {
            pretty.append(contentsOf: canonical[start...])
            pretty.append(UInt8(ascii: " "))
        }
        followsName = true
    }

    /// A member's name written in the source (every key of the plan's format): its bytes are
    /// copied as they are, with no look for characters to escape, which the names never hold.
    mutating func name(_ name: StaticString) {
        assert(name.hasPointerRepresentation && UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            .allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        separate()
        let start = canonical.count
        canonical.append(UInt8(ascii: "\""))
        canonical.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        canonical.append(contentsOf: "\":".utf8)
        if writesPretty {
            pretty.append(contentsOf: canonical[start...])
            pretty.append(UInt8(ascii: " "))
        }
        followsName = true
    }

    /// A string value made of pieces `build` appends to the bytes it is given, each escaped as
    /// it goes (`JSONWriter.writeEscaped`, `JSONWriter.writeInt`): no `String` is made first.
    mutating func string(building build: (inout [UInt8]) -> Void) {
        separate()
        let start = canonical.count
        canonical.append(UInt8(ascii: "\""))
        build(&canonical)
        canonical.append(UInt8(ascii: "\""))
        if writesPretty { pretty.append(contentsOf: canonical[start...]) }
    }

    mutating func string(_ text: String) {
        separate()
        let start = canonical.count
        JSONWriter.writeString(text, into: &canonical)
        if writesPretty { pretty.append(contentsOf: canonical[start...]) }
    }

    mutating func int(_ number: Int) {
        separate()
        let start = canonical.count
        JSONWriter.writeInt(number, into: &canonical)
        if writesPretty { pretty.append(contentsOf: canonical[start...]) }
    }

    mutating func bool(_ flag: Bool) {
        separate()
        canonical.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        if writesPretty { pretty.append(contentsOf: flag ? "true".utf8 : "false".utf8) }
    }

    mutating func value(_ value: JSONValue) {
        separate()
        JSONWriter.write(value, into: &canonical, indent: nil, level: 0)
        if writesPretty { JSONWriter.write(value, into: &pretty, indent: Self.indent, level: level) }
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
        JSONWriter.writeString(name, into: &pretty)
        pretty.append(contentsOf: ": ".utf8)
        let offset = prettyDrained + pretty.count + 1
        JSONWriter.writeString(value, into: &pretty)
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
        canonical.append(contentsOf: writer.canonical)
        pretty.append(contentsOf: writer.pretty)
        atContainerStart = false
    }

    /// Hands the pending pretty bytes to `sink` and forgets them, keeping the buffer's capacity.
    mutating func drainPretty<Failure: Error>(_ sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        guard !pretty.isEmpty else { return }
        try sink(pretty)
        prettyDrained += pretty.count
        pretty.removeAll(keepingCapacity: true)
    }

    /// Hands the pending canonical bytes to `sink` and forgets them, keeping the buffer's capacity.
    mutating func drainCanonical(_ sink: ([UInt8]) -> Void) {
        guard !canonical.isEmpty else { return }
        sink(canonical)
        canonical.removeAll(keepingCapacity: true)
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

    /// The indentation appended as one run: appending the indentation unit level by level
    /// went through the array's generic path (and the static's lazy accessor) every time.
    private mutating func newline() {
        // One copy from a ready line break and indentation: appending a repeated space element
        // by element was a tenth of writing a plan's checks (docs/performance.md).
        let length = 1 + Self.indentWidth * level
        if length <= Self.lineBreak.count {
            pretty.append(contentsOf: Self.lineBreak[..<length])
        } else {
            pretty.append(UInt8(ascii: "\n"))
            pretty.append(contentsOf: repeatElement(UInt8(ascii: " "), count: Self.indentWidth * level))
        }
    }

    /// A line break and the indentation of the deepest level a plan reaches, and more.
    private static let lineBreak: [UInt8] = [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 64)
}
