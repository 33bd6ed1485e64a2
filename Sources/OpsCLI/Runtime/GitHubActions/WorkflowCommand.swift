/// A workflow command line, `::name key=value,key=value::data`, escaped exactly as the Actions
/// toolkit escapes it (`@actions/core`, `command.ts`): the runner parses these lines out of the
/// step's output, so an unescaped newline would end the command and an unescaped `,` or `:` in
/// a property would start a new one.
struct WorkflowCommand: Sendable, Equatable {
    var name: String
    /// In the order given; the runner does not care, but tests and readers do.
    var properties: [(key: String, value: String)]
    var message: String

    init(name: String, properties: [(key: String, value: String)] = [], message: String) {
        self.name = name
        self.properties = properties
        self.message = message
    }

    static func == (lhs: WorkflowCommand, rhs: WorkflowCommand) -> Bool {
        lhs.line == rhs.line
    }

    /// The line the runner reads, without the line break.
    var line: String {
        var text = "::" + name
        let present = properties.filter { !$0.value.isEmpty }
        if !present.isEmpty {
            text += " " + present.map { "\($0.key)=\(Self.escapeProperty($0.value))" }.joined(separator: ",")
        }
        return text + "::" + Self.escapeData(message)
    }

    /// `%`, CR and LF, the toolkit's `escapeData`. `%` goes first so the escapes themselves
    /// are not escaped again.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// The toolkit's `escapeProperty`: the data escapes, plus `:` and `,`, which separate
    /// properties.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text)
            .replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }
}
