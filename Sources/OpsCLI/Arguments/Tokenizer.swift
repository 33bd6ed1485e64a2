/// Splits arguments into tokens (after swift-argument-parser's `SplitArguments`): purely
/// lexical, never fails, keeps each token's argument index.
enum Tokenizer {
    static func split(_ arguments: [String]) -> [ArgumentToken] {
        var tokens: [ArgumentToken] = []
        tokens.reserveCapacity(arguments.count)
        var afterTerminator = false
        for (index, argument) in arguments.enumerated() {
            if afterTerminator {
                tokens.append(ArgumentToken(.value(argument), index: index, text: argument))
            } else {
                let kind = classify(argument)
                afterTerminator = kind == .terminator
                tokens.append(ArgumentToken(kind, index: index, text: argument))
            }
        }
        return tokens
    }

    private static func classify(_ argument: String) -> ArgumentToken.Kind {
        if argument == "--" { return .terminator }
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                return .longOption(name: String(body[..<equals]), attachedValue: String(body[body.index(after: equals)...]))
            }
            return .longOption(name: String(body), attachedValue: nil)
        }
        // A lone "-" conventionally means standard input or output: a value, not an option.
        if argument.hasPrefix("-"), argument.count > 1 {
            let letters = Array(argument.dropFirst())
            if letters.count >= 2, letters[1] == "=" {
                return .shortOptions(letters: [letters[0]], attachedValue: String(letters[2...]))
            }
            return .shortOptions(letters: letters, attachedValue: nil)
        }
        return .value(argument)
    }
}
