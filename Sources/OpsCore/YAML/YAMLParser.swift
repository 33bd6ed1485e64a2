internal import CYaml

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
        if source.bytes.count > limits.maxDocumentBytes {
            throw YAMLError(
                reason: .documentTooLarge(bytes: source.bytes.count, limit: limits.maxDocumentBytes),
                location: source.location(Mark(line: 1, column: 1)),
                sourceLine: nil
            )
        }
        let parser = try EventParser(source: source)
        var composer = Composer(parser: parser, source: source, limits: limits)
        return try composer.composeStream()
    }
}

/// Owns one libyaml parser and the bytes it reads. libyaml keeps pointers into both,
/// so they live at stable heap addresses for the parser's lifetime.
final class EventParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let source: SourceText

    init(source: SourceText) throws {
        self.source = source
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(source.bytes.count, 1))
        _ = input.initialize(from: source.bytes)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            input.deallocate()
            throw YAMLError(
                reason: .syntax(problem: "libyaml could not allocate a parser", context: nil),
                location: source.location(Mark(line: 1, column: 1)),
                sourceLine: nil
            )
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, source.bytes.count)
    }

    deinit {
        if var event = pending { yaml_event_delete(&event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// An event read ahead by `peekType`, owned here until `next` hands it out.
    private var pending: yaml_event_t?

    /// The next event; the caller owns it and must pass it to `release`.
    func next() throws -> yaml_event_t {
        if let event = pending {
            pending = nil
            return event
        }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw currentError() }
        return event
    }

    func peekType() throws -> yaml_event_type_t {
        if pending == nil { pending = try next() }
        return pending!.type
    }

    func release(_ event: inout yaml_event_t) {
        yaml_event_delete(&event)
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
