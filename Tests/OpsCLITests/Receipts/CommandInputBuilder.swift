@testable import OpsCLI

/// Builds the `CommandInput` a command's `parse` receives from a command line, the way
/// `CommandLineParser` does, so that tests can look at the parsed value itself.
enum CommandInputBuilder {
    struct CommandNotFound: Error {}

    /// `arguments` includes the command name; options may come before or after it.
    static func input(_ arguments: [String], for descriptor: CommandDescriptor) throws -> CommandInput {
        let tokens = Tokenizer.split(arguments)
        guard let commandAt = tokens.firstIndex(where: { $0.text == descriptor.name }) else { throw CommandNotFound() }
        let scanner = OptionScanner(flags: GlobalOptions.Flags.all + descriptor.flags, command: descriptor.name)
        let before = try scanner.scan(tokens[..<commandAt]).get().arguments
        let after = try scanner.scan(tokens[(commandAt + 1)...]).get().arguments
        let scanned = before.appending(after)
        let globals = try GlobalOptions.parse(scanned, command: descriptor.name).result.get()
        return CommandInput(arguments: scanned, globals: globals, registry: .standard)
    }
}
