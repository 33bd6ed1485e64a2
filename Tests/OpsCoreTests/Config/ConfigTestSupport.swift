import Foundation
@testable import OpsCore

/// Loads inline YAML the way `opsctl validate` loads files, under a fixed file name.
enum ConfigFixture {
    static func desiredState(_ yaml: String) -> LoadResult<DesiredState> {
        ConfigLoader.loadDesiredState(SourceText(path: "desired-state.yaml", text: yaml))
    }

    static func policy(_ yaml: String) -> LoadResult<ChangePolicy> {
        ConfigLoader.loadChangePolicy(SourceText(path: "change-policy.yaml", text: yaml))
    }

    /// The repository root, found from this file's own path so tests never depend on the working directory.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Config
        .deletingLastPathComponent() // OpsCoreTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent(relative).path
    }
}

extension Diagnostic {
    var lineColumn: String {
        location.map { "\($0.line):\($0.column)" } ?? "-"
    }

    /// One line per diagnostic, for failure messages that show everything that was reported.
    var summary: String {
        "\(lineColumn) \(severity.rawValue): \(message)" + (hint.map { " [hint: \($0)]" } ?? "")
    }
}

extension LoadResult {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    var summary: String { diagnostics.map(\.summary).joined(separator: "\n") }
}
