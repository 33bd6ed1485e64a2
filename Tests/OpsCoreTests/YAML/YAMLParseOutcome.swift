import Testing
@testable import OpsCore

/// What parsing a text gave, comparable whole: the nodes with every mark (node equality ignores
/// marks), the problems, or the error. The suites that parse one text in several ways (ahead of
/// the composer, cut in two) compare these with what one parser on one thread gives.
enum YAMLParseOutcome: Equatable {
    case document(root: YAMLNode?, marks: [Mark], problems: [YAMLError])
    case failure(YAMLError)

    static func of(_ text: String, _ batching: YAMLEventBatching, limits: YAMLLimits = .default, cut: CutReport? = nil) -> YAMLParseOutcome {
        do {
            let document = try YAML.parse(SourceText(path: "big.yaml", text: text), limits: limits, batching: batching, cut: cut)
            return .document(root: document.root, marks: document.root.map(marks) ?? [], problems: document.problems)
        } catch let error as YAMLError {
            return .failure(error)
        } catch {
            Issue.record("unexpected error \(error)")
            return .failure(YAMLError(reason: .multipleDocuments, location: OpsCore.SourceLocation(file: "", line: 0, column: 0), sourceLine: nil))
        }
    }
}

/// Every node's mark, depth first.
func marks(_ node: YAMLNode) -> [Mark] {
    var result = [node.mark]
    for index in 0..<node.count {
        if node.isMapping { result += marks(node.key(index)) + marks(node.value(index)) } else { result += marks(node.item(index)) }
    }
    return result
}
