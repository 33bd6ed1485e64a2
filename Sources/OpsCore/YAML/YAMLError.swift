/// Why a YAML document could not be read, with both places libyaml reports:
/// the problem (where reading stopped) and the context (what it was in the middle of).
package struct YAMLError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        case syntax(problem: String, context: String?)
        case invalidEncoding(String)
        case documentTooLarge(bytes: Int, limit: Int)
        case nestingTooDeep(limit: Int)
        case aliasExpansionTooLarge(limit: Int)
        case duplicateKey(String)
        case undefinedAlias(String)
        case invalidMergeValue
        case multipleDocuments
        case nonScalarKey
        case unsupportedTag(String)
        case unreadableFile(String)
    }

    package var reason: Reason
    package var location: SourceLocation
    package var sourceLine: String?
    /// libyaml's context mark, or the first definition of a duplicated key.
    package var contextLocation: SourceLocation?

    package init(reason: Reason, location: SourceLocation, sourceLine: String?, contextLocation: SourceLocation? = nil) {
        self.reason = reason
        self.location = location
        self.sourceLine = sourceLine
        self.contextLocation = contextLocation
    }

    package var message: String {
        switch reason {
        case .syntax(let problem, let context):
            if let context { return "invalid YAML: \(problem) \(context)" }
            return "invalid YAML: \(problem)"
        case .invalidEncoding(let problem):
            return "the file is not valid UTF-8 text: \(problem)"
        case .documentTooLarge(let bytes, let limit):
            return "the document is \(bytes) bytes, over the limit of \(limit) bytes (16 MiB)"
        case .nestingTooDeep(let limit):
            return "the document nests deeper than \(limit) levels"
        case .aliasExpansionTooLarge(let limit):
            return "aliases expand to more than \(limit) nodes (an alias expansion bomb?)"
        case .duplicateKey(let key):
            return "duplicate key '\(key)' in the same mapping"
        case .undefinedAlias(let name):
            return "alias '*\(name)' refers to an anchor that is not defined before it"
        case .invalidMergeValue:
            return "a merge key '<<' must be followed by a mapping, an alias of one, or a list of them"
        case .multipleDocuments:
            return "the file holds more than one YAML document"
        case .nonScalarKey:
            return "mapping keys must be plain values, not lists or mappings"
        case .unsupportedTag(let tag):
            return "unsupported tag '\(tag)'"
        case .unreadableFile(let why):
            return "cannot read the file: \(why)"
        }
    }

    package var hint: String? {
        switch reason {
        case .syntax(let problem, let context):
            if let context, context.contains("quoted scalar") {
                return "close the quote that starts here, or escape the quote character inside the value"
            }
            if problem.contains("tab") { return "YAML indents with spaces; replace the tab characters" }
            if problem.contains("mapping values are not allowed") {
                return "a value that contains ': ' must be quoted"
            }
            return "check the indentation and quoting around this place"
        case .invalidEncoding: return "save the file as UTF-8"
        case .documentTooLarge: return "split the configuration or remove generated content"
        case .nestingTooDeep: return "flatten the structure; opsctl configuration is never that deep"
        case .aliasExpansionTooLarge: return "use fewer nested aliases; each alias copies what its anchor names"
        case .duplicateKey: return "remove one of the two, or merge their contents"
        case .undefinedAlias: return "define the anchor with '&name' before using '*name'"
        case .invalidMergeValue: return "write '<<: *anchor' or '<<: [*a, *b]'"
        case .multipleDocuments: return "remove the '---' separator and keep one document per file"
        case .nonScalarKey: return "use a name as the key"
        case .unsupportedTag: return "remove the tag; opsctl understands !!str, !!int, !!float, !!bool and !!null"
        case .unreadableFile: return nil
        }
    }

    package var diagnostic: Diagnostic {
        var notes: [Diagnostic.Note] = []
        if let contextLocation {
            switch reason {
            case .duplicateKey: notes.append(.init(message: "first defined here", location: contextLocation))
            case .syntax(_, let context?):
                let startsEarlier = (contextLocation.line, contextLocation.column) < (location.line, location.column)
                notes.append(.init(message: startsEarlier ? "\(context) that starts here" : "reading stopped here", location: contextLocation))
            default: break
            }
        }
        return Diagnostic(message: message, location: location, sourceLine: sourceLine, hint: hint, notes: notes)
    }
}
