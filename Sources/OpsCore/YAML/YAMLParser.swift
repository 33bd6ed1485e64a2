internal import CYaml
import Glibc

/// The limits that keep a hostile or broken document from exhausting time or memory.
package struct YAMLLimits: Sendable, Equatable {
    package var maxDocumentBytes: Int
    package var maxDepth: Int
    /// Nodes that aliases and merge keys may copy in, in total.
    package var maxAliasExpansion: Int

    package init(maxDocumentBytes: Int = 16 * 1024 * 1024, maxDepth: Int = 256, maxAliasExpansion: Int = 100_000) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    package static let `default` = YAMLLimits()
}

/// A parsed file: its root node (nil when the file is empty) and problems that did not stop reading.
package struct YAMLDocument: Sendable {
    package var root: YAMLNode?
    package var source: SourceText
    /// Recoverable problems such as duplicate keys; the first occurrence of a key is kept.
    package var problems: [YAMLError]
}

package enum YAML {
    /// Parses one YAML document. Throws a `YAMLError` for anything that stops reading.
    package static func parse(_ source: SourceText, limits: YAMLLimits = .default) throws -> YAMLDocument {
        try parse(source, limits: limits, batching: .standard)
    }

    /// `topLevelObserver` is told of each pair of a top-level mapping as soon as its value is
    /// composed, while the rest of the document is still being read. `onceParsing` is called
    /// once the parser's own thread has started, before composing begins.
    /// `cut`, when given, learns what became of cutting the document in two (for tests).
    static func parse(_ source: SourceText, limits: YAMLLimits, batching: YAMLEventBatching,
                      topLevelObserver: TopLevelEntryObserver? = nil, onceParsing: (() -> Void)? = nil,
                      cut: CutReport? = nil) throws -> YAMLDocument {
        if source.bytes.count > limits.maxDocumentBytes {
            throw YAMLError(
                reason: .documentTooLarge(bytes: source.bytes.count, limit: limits.maxDocumentBytes),
                location: source.location(Mark(line: 1, column: 1)),
                sourceLine: nil
            )
        }
        do {
            return try parse(source, limits: limits, batching: batching, cutting: batching.splits(source.bytes.count),
                             topLevelObserver: topLevelObserver, onceParsing: onceParsing, cut: cut)
        } catch is SplitParseAbandoned {
            // The second half failed where one parser's own words must report it (a syntax
            // error after the cut, say): that parser reads the document again, whole.
            cut?.readAgain = true
            return try parse(source, limits: limits, batching: batching, cutting: false, topLevelObserver: topLevelObserver,
                             onceParsing: nil, cut: nil)
        }
    }

    private static func parse(_ source: SourceText, limits: YAMLLimits, batching: YAMLEventBatching, cutting: Bool,
                              topLevelObserver: TopLevelEntryObserver?, onceParsing: (() -> Void)?, cut: CutReport?) throws -> YAMLDocument {
        // libyaml reads the source's own bytes (a copy of a large file cost its pages again);
        // it is given one byte to point at when the file is empty, and told the length is 0.
        let bytes = source.bytes.isEmpty ? [0] : source.bytes
        return try bytes.withUnsafeBufferPointer { buffer in
            let input = UnsafeBufferPointer(rebasing: buffer[0..<source.bytes.count])
            let split = cutting ? TopLevelSplit.find(in: input) : nil
            let secondHalf = split.map { SecondHalf(source: source, input: input, split: $0, eventsPerBatch: batching.eventsPerBatch) }
            let parser = try EventParser(source: source, input: input, role: secondHalf.map { .firstHalf($0) } ?? .whole)
            let events = YAMLEventStream(parser: parser, sourceBytes: source.bytes.count, batching: batching, secondHalf: secondHalf, cut: cut)
            defer { events.finish() }
            onceParsing?()
            var composer = Composer(events: events, source: source, limits: limits, topLevelObserver: topLevelObserver)
            return try composer.composeStream()
        }
    }
}

/// Learns of a document's top-level entries one by one, as the composer finishes each, in file
/// order, on the composing thread. Reported are the pairs the composer keeps (a duplicate key's
/// later pair is not) whose value holds only nodes of its own (not a value that is an alias or
/// holds one, nor pairs merged in with `<<`), except the last pair of the mapping: it is done
/// only when the whole document is.
protocol TopLevelEntryObserver: AnyObject {
    /// `value` is a copy of the value's nodes in a store of their own; `node` is where the value
    /// is in the finished document.
    func composed(key: String, value: YAMLNode, node: UInt32)
    /// A sequence directly under a top-level mapping (`github: labels: [...]`) has been composed
    /// with `count` items, before the rest of the file is read. Reported for every such pair,
    /// the top-level mapping's last one too, as the composer meets it.
    func composedList(section: String, key: String, count: Int)
    /// Whether `composed(key:value:node:)` is wanted: each value it is given is a copy.
    var wantsComposedValues: Bool { get }
}

extension TopLevelEntryObserver {
    func composedList(section: String, key: String, count: Int) {}
    var wantsComposedValues: Bool { true }
}

/// Owns one libyaml parser, which keeps a pointer to itself, so it lives at a stable heap
/// address. libyaml also keeps a pointer to `input`: the parser must not be used after the
/// buffer's lifetime ends (`YAML.parse` makes and drops it inside `withUnsafeBufferPointer`).
final class EventParser: @unchecked Sendable {
    /// What part of the document this parser reads (`TopLevelSplit`).
    enum Role {
        case whole
        /// All of it, handing over to `SecondHalf` where its cut turns out to be a top-level key.
        case firstHalf(SecondHalf)
        /// From the cut on, as a document of its own whose lines are counted from `lineOffset`.
        case secondHalf(SecondHalf, lineOffset: UInt32)
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let source: SourceText
    private let role: Role
    private let lineOffset: UInt32
    /// The first half's watch for the cut (on its parsing thread only): the cut's line from 1,
    /// whether it is decided, and how deep in collections the events are.
    private let cutLine: UInt32
    private var cutDecided = false
    private var depth = 0
    private var topIsBlockMapping = false
    /// The second half's events so far, while its first ones are being checked.
    private var eventsSeen = 0

    init(source: SourceText, input: UnsafeBufferPointer<UInt8>, role: Role = .whole) throws {
        self.source = source
        self.role = role
        if case .secondHalf(_, let offset) = role { lineOffset = offset } else { lineOffset = 0 }
        if case .firstHalf(let second) = role { cutLine = UInt32(second.split.line + 1) } else { cutLine = 0 }
        parser = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw YAMLError(
                reason: .syntax(problem: "libyaml could not allocate a parser", context: nil),
                location: source.location(Mark(line: 1, column: 1)),
                sourceLine: nil
            )
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// Parses events into `batch` until it is full, the stream ends or parsing fails (or, in
    /// the first half of a cut document, the second half takes over). Each libyaml event is
    /// freed once copied, on this thread: the thread that allocated it.
    func fill(_ batch: YAMLEventBatch) {
        while !batch.isFull {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else {
                if case .secondHalf(let second, _) = role { second.settlePrefix(holds: false) }
                batch.fail(currentError())
                return
            }
            defer { yaml_event_delete(&event) }
            let line = UInt32(truncatingIfNeeded: event.start_mark.line + 1) &+ lineOffset
            let column = UInt32(truncatingIfNeeded: event.start_mark.column + 1)
            var parsed = YAMLEvent(type: event.type, line: line, column: column, style: .plain, tag: .none,
                                   hasAnchor: false, textStart: 0, textCount: 0, anchorStart: 0, anchorCount: 0)
            let anchor: UnsafeMutablePointer<yaml_char_t>?
            let tag: UnsafeMutablePointer<yaml_char_t>?
            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                anchor = scalar.anchor
                tag = scalar.tag
                parsed.style = Self.style(scalar.style)
                if let value = scalar.value {
                    parsed.textStart = batch.store(value, count: scalar.length)
                    parsed.textCount = UInt32(truncatingIfNeeded: scalar.length)
                }
            case YAML_SEQUENCE_START_EVENT:
                anchor = event.data.sequence_start.anchor
                tag = event.data.sequence_start.tag
            case YAML_MAPPING_START_EVENT:
                anchor = event.data.mapping_start.anchor
                tag = event.data.mapping_start.tag
            case YAML_ALIAS_EVENT:
                anchor = event.data.alias.anchor
                tag = nil
            default:
                anchor = nil
                tag = nil
            }
            if let tag {
                let text = String(cString: tag)
                guard let known = YAMLNodeStore.Tag(text) else {
                    // Reported where the composer reaches this node, as if it had read the tag itself.
                    if case .secondHalf(let second, _) = role { second.settlePrefix(holds: false) }
                    batch.fail(error(.unsupportedTag(text), at: parsed.mark))
                    return
                }
                parsed.tag = known
            }
            if let anchor {
                let length = strlen(anchor)
                parsed.hasAnchor = true
                parsed.anchorStart = batch.store(anchor, count: length)
                parsed.anchorCount = UInt32(truncatingIfNeeded: length)
            }
            let blockMapping = event.type == YAML_MAPPING_START_EVENT && event.data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE
            switch role {
            case .whole:
                break
            case .firstHalf(let second):
                if !cutDecided, handsOver(at: parsed, blockMapping: blockMapping, to: second) {
                    batch.handOver()
                    return
                }
            case .secondHalf(let second, _):
                if eventsSeen < SecondHalf.prefixEvents { checkPrefix(parsed, blockMapping: blockMapping, of: second) }
            }
            batch.append(parsed)
            if event.type == YAML_STREAM_END_EVENT { return }
        }
    }

    /// Whether the first half stops before `event` and the second half goes on from it: the
    /// event is the cut's line's key, a plain scalar at its first column directly in the
    /// top-level block mapping, and the second half's own first events agree. Anything else
    /// at or past the cut's line decides against it for good.
    private func handsOver(at event: YAMLEvent, blockMapping: Bool, to second: SecondHalf) -> Bool {
        // The collections that end before the cut's key end where libyaml meets that key.
        let endsBeforeCut = event.line == cutLine && event.column == 1
            && (event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT)
        if event.line >= cutLine, !endsBeforeCut {
            cutDecided = true
            let isCutKey = event.line == cutLine && event.column == 1 && event.type == YAML_SCALAR_EVENT && depth == 1
                && topIsBlockMapping && event.style == .plain && !event.hasAnchor && event.tag == .none
            if isCutKey, second.prefixHolds() { return true }
            second.abandon()
            return false
        }
        switch event.type {
        case YAML_MAPPING_START_EVENT:
            depth += 1
            if depth == 1 { topIsBlockMapping = blockMapping }
        case YAML_SEQUENCE_START_EVENT:
            depth += 1
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            depth -= 1
        case YAML_STREAM_END_EVENT:
            cutDecided = true
            second.abandon()
        default:
            break
        }
        return false
    }

    /// The second half's first events must open a document whose block mapping starts with a
    /// plain key at the cut's first column, as its line does in the whole document.
    private func checkPrefix(_ event: YAMLEvent, blockMapping: Bool, of second: SecondHalf) {
        let atCut = event.line == lineOffset + 1 && event.column == 1
        let expected: Bool
        switch eventsSeen {
        case 0: expected = event.type == YAML_STREAM_START_EVENT
        case 1: expected = event.type == YAML_DOCUMENT_START_EVENT
        case 2: expected = event.type == YAML_MAPPING_START_EVENT && blockMapping && atCut && !event.hasAnchor && event.tag == .none
        default: expected = event.type == YAML_SCALAR_EVENT && atCut && event.style == .plain && !event.hasAnchor && event.tag == .none
        }
        eventsSeen += 1
        if !expected {
            eventsSeen = SecondHalf.prefixEvents
            second.settlePrefix(holds: false)
        } else if eventsSeen == SecondHalf.prefixEvents {
            second.settlePrefix(holds: true)
        }
    }

    func error(_ reason: YAMLError.Reason, at mark: Mark) -> YAMLError {
        YAMLError(reason: reason, location: source.location(mark), sourceLine: source.line(mark.line))
    }

    /// For a stream that ran out of events without its end; libyaml always ends one.
    func endedEarly() -> YAMLError {
        YAMLError(reason: .syntax(problem: "the events ended before the stream did", context: nil),
                  location: source.location(Mark(line: 1, column: 1)), sourceLine: nil)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private func currentError() -> YAMLError {
        let state = parser.pointee
        var problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        if state.error == YAML_READER_ERROR {
            let mark = source.mark(atByteOffset: state.problem_offset)
            return YAMLError(reason: .invalidEncoding(problem), location: source.location(mark), sourceLine: source.line(mark.line))
        }
        let problemMark = Mark(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
        if source.character(at: problemMark) == "\t" { problem += " (a tab character)" }
        let context = state.context.map { String(cString: $0) }
        let contextMark = context == nil ? nil : Mark(line: Int(state.context_mark.line) + 1, column: Int(state.context_mark.column) + 1)
        // When reading ran off the end of the input, the problem mark says nothing useful; the
        // context mark is where the unterminated construct (a quote, a flow collection) began.
        let primary: Mark
        let secondary: Mark?
        if let contextMark, source.isAtEndOfContent(problemMark) {
            primary = contextMark
            secondary = problemMark
        } else {
            primary = problemMark
            secondary = contextMark
        }
        return YAMLError(
            reason: .syntax(problem: problem, context: context),
            location: source.location(primary),
            sourceLine: source.line(primary.line),
            contextLocation: secondary.map(source.location)
        )
    }
}
