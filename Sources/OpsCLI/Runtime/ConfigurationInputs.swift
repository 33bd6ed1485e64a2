import Foundation
import OpsCore
import OpsRender

/// Both configuration files, loaded for a command that needs them valid. When either has
/// errors, they are printed exactly as `validate` prints them and the command stops.
struct ConfigurationInputs: Sendable {
    var desired: DesiredState
    var policy: ChangePolicy
    var inputs: [PlanInput]

    /// `onceParsing`, `onList`: see `ConfigLoader.loadDesiredState(path:digest:onceParsing:onList:)`.
    static func load(
        _ globals: GlobalOptions, needDesiredState: Bool = true, context: CommandContext, onceParsing: (() -> Void)? = nil,
        onList: ((DeclaredList) -> Void)? = nil
    ) -> ConfigurationInputs? {
        let desired = needDesiredState
            ? ConfigLoader.loadDesiredState(path: globals.desiredStatePath, onceParsing: onceParsing, onList: onList)
            : LoadResult(model: DesiredState(), diagnostics: [])
        let policy = ConfigLoader.loadChangePolicy(path: globals.policyPath)
        var files: [ValidationReport.File] = []
        if needDesiredState { files.append(.init(path: globals.desiredStatePath, diagnostics: desired.diagnostics)) }
        files.append(.init(path: globals.policyPath, diagnostics: policy.diagnostics))
        let report = ValidationReport(files: files)
        let errors = context.standardError
        if !report.isValid {
            errors.write(ValidationRenderer.diagnosticsText(report, minimumSeverity: .error, colour: errors.colour))
            errors.write(ValidationRenderer.summaryLine(report))
            return nil
        }
        guard let desiredModel = desired.model, let policyModel = policy.model else { return nil }
        var inputs: [PlanInput] = []
        if needDesiredState { inputs.append(PlanInput(role: "desiredState", path: globals.desiredStatePath, sha256: desired.sha256 ?? "")) }
        inputs.append(PlanInput(role: "policy", path: globals.policyPath, sha256: policy.sha256 ?? ""))
        return ConfigurationInputs(desired: desiredModel, policy: policyModel, inputs: inputs)
    }
}

extension CommandContext {
    /// `opsctl: error: …` plus a hint, for failures that are not about a file position.
    func report(_ diagnostic: Diagnostic) {
        standardError.write(ToolMessageRenderer.render(.error, message: redactor.redact(diagnostic.message), hint: diagnostic.hint.map(redactor.redact), colour: standardError.colour))
    }

    func report(_ error: any DiagnosticError) {
        report(error.diagnostic)
    }

    func warn(_ message: String, hint: String? = nil) {
        standardError.write(ToolMessageRenderer.render(.warning, message: redactor.redact(message), hint: hint.map(redactor.redact), colour: standardError.colour))
    }
}
