import OpsCore

/// Matches tokens against the options that are valid at this point of the command line:
/// decides which tokens are option values, splits `-qv`, reads `-fVALUE`, and reports unknown
/// options with a "did you mean" from edit distance.
struct OptionScanner: Sendable {
    /// The result of a scan, and where it stopped.
    struct Scan: Sendable {
        var arguments: ScannedArguments
        /// The tokens not scanned: empty unless the scan stopped at a positional argument, which
        /// is then the first token here.
        var remainder: ArraySlice<ArgumentToken>
    }

    var flags: [FlagSpec]
    /// The command being parsed, for error messages; nil before the command name.
    var command: String?

    /// Scans `tokens`; with `stopAtFirstPositional` it stops at the first argument that is not
    /// an option or an option's value (the command name, when scanning global options).
    func scan(_ tokens: ArraySlice<ArgumentToken>, stopAtFirstPositional: Bool = false) -> Result<Scan, UsageError> {
        var arguments = ScannedArguments()
        var position = tokens.startIndex
        while position < tokens.endIndex {
            let token = tokens[position]
            position += 1
            switch token.kind {
            case .terminator:
                continue
            case .value(let text):
                if stopAtFirstPositional {
                    return .success(Scan(arguments: arguments, remainder: tokens[(position - 1)...]))
                }
                arguments.positionals.append(PositionalArgument(value: text, index: token.index))
            case .longOption(let name, let attachedValue):
                let spelling = "--\(name)"
                guard let flag = flags.first(where: { $0.long == name }) else {
                    return .failure(unknownOption(name.isEmpty ? token.text : spelling, index: token.index))
                }
                switch resolve(flag, spelling: spelling, attachedValue: attachedValue, token: token, tokens: tokens, position: &position) {
                case .success(let option): arguments.options.append(option)
                case .failure(let error): return .failure(error)
                }
            case .shortOptions(let letters, let attachedValue):
                var letterIndex = 0
                while letterIndex < letters.count {
                    let letter = letters[letterIndex]
                    letterIndex += 1
                    guard let flag = flags.first(where: { $0.short == letter }) else {
                        // "-json" is usually "--json" with a dash missing, not four short options.
                        if letterIndex == 1, letters.count > 1 {
                            return .failure(unknownOption(token.text, index: token.index, lookAlike: "--" + String(letters)))
                        }
                        return .failure(unknownOption("-\(letter)", index: token.index))
                    }
                    // "-fVALUE": the rest of the group is the value of a value-taking option.
                    var value = attachedValue
                    if flag.takesValue, letterIndex < letters.count {
                        value = String(letters[letterIndex...])
                        letterIndex = letters.count
                    }
                    switch resolve(flag, spelling: "-\(letter)", attachedValue: value, token: token, tokens: tokens, position: &position) {
                    case .success(let option): arguments.options.append(option)
                    case .failure(let error): return .failure(error)
                    }
                }
            }
        }
        return .success(Scan(arguments: arguments, remainder: tokens[tokens.endIndex...]))
    }

    /// The option with its value: the attached one, or else the next token if that is a plain
    /// value. A value that starts with a dash must be attached (`--policy=-odd.yaml`).
    private func resolve(
        _ flag: FlagSpec,
        spelling: String,
        attachedValue: String?,
        token: ArgumentToken,
        tokens: ArraySlice<ArgumentToken>,
        position: inout Int
    ) -> Result<ResolvedOption, UsageError> {
        guard case .value(let placeholder) = flag.kind else {
            if let attachedValue {
                return .failure(UsageError(.unexpectedValue(option: spelling, value: attachedValue), command: command, argumentIndex: token.index))
            }
            return .success(ResolvedOption(flag: flag, spelling: spelling, value: nil, index: token.index))
        }
        if let attachedValue {
            return .success(ResolvedOption(flag: flag, spelling: spelling, value: attachedValue, index: token.index))
        }
        guard position < tokens.endIndex, let value = tokens[position].valueText else {
            return .failure(UsageError(.missingValue(option: spelling, placeholder: placeholder), command: command, argumentIndex: token.index))
        }
        position += 1
        return .success(ResolvedOption(flag: flag, spelling: spelling, value: value, index: token.index))
    }

    private func unknownOption(_ spelling: String, index: Int, lookAlike: String? = nil) -> UsageError {
        let candidates = flags.map(\.longName)
        let suggestion = closestMatch(to: lookAlike ?? spelling, in: candidates)
        // Single letters are all within edit distance 1 of each other: only suggest for words.
        let useful = (lookAlike ?? spelling).count > 2 ? suggestion : nil
        return UsageError(.unknownOption(spelling), command: command, argumentIndex: index, suggestion: useful)
    }
}
