import Foundation
import OpsCore

/// `opsctl help --man`: the manual page `opsctl.1`, in troff's man macros, built from the same
/// command table as `help` so the two cannot disagree. No date in `.TH`: the page must come
/// out byte for byte the same from the same build, so release tarballs are reproducible.
enum ManPage {
    static func render(_ registry: CommandRegistry) -> String {
        var page = [
            ".TH OPSCTL 1 \"\" \"opsctl \(OpsctlVersion.current)\" \"User Commands\"",
            ".SH NAME",
            "opsctl \\- keep the configuration of SaaS services in line with a declared desired state",
            ".SH SYNOPSIS",
            ".B opsctl",
            "[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]",
            ".SH DESCRIPTION",
            text("opsctl reads desired-state.yaml (what must exist) and change-policy.yaml (how risky each kind of change is and who may approve it), asks each service what is really there, and writes a plan. Approved changes are applied, and every plan, approval and applied change appends a hash-chained receipt to .opsctl/receipts.jsonl."),
            ".SH COMMANDS",
        ]
        for command in registry.commands {
            page.append(".SS \(quotedArgument(command.name))")
            for usage in command.usage.split(separator: "\n") {
                let line = usage.trimmingCharacters(in: .whitespaces)
                page.append(".B " + quotedArgument(line.hasPrefix("opsctl ") ? line : "opsctl " + line))
                page.append(".br")
            }
            page.append(".PP")
            page.append(text(command.summary + "."))
            for paragraph in paragraphs(command.discussion) {
                page.append(".PP")
                page.append(text(paragraph))
            }
            for positional in command.positionals {
                page.append(".TP")
                page.append("\\fI" + escaped(positional.usageLabel) + "\\fR")
                page.append(text(positional.summary))
            }
            for flag in command.flags {
                page += option(flag)
            }
        }
        page.append(".SH GLOBAL OPTIONS")
        page.append(text("Accepted before or after the command."))
        for flag in GlobalOptions.Flags.all {
            page += option(flag)
        }
        page += [
            ".SH EXIT STATUS",
            ".TP", "0", text("Success; for plan \\-\\-detailed\\-exitcode: no changes and no failing checks.", raw: true),
            ".TP", "1", text("An error: a file invalid or missing, a service unreachable, an apply step failed or was stale."),
            ".TP", "2", text("Attention needed: changes or failing checks (plan \\-\\-detailed\\-exitcode), changes awaiting approval after apply, a receipts log that is not intact.", raw: true),
            ".TP", "64", text("Usage error: an unknown command or flag, a missing value."),
            ".SH ENVIRONMENT",
            ".TP", ".B OPSCTL_ACTOR", text("Who is acting, recorded in receipts; else github:$GITHUB_ACTOR, else git config user.email, else the login name."),
            ".TP", ".B OPSCTL_RECEIPTS_KEY", text("Adds an HMAC\\-SHA256 MAC to each receipt and makes verify require it.", raw: true),
            ".TP", ".B OPSCTL_FINGERPRINT_KEY", text("The key secret values are fingerprinted under; set it in CI."),
            ".TP", ".B OPSCTL_SANDBOX_URL", text("Points every connector at the local sandbox."),
            ".TP", ".B GITHUB_ACTIONS", text("When true, plan and apply write step outputs to $GITHUB_OUTPUT, a summary to $GITHUB_STEP_SUMMARY and annotations, and mask secret values with ::add\\-mask::.", raw: true),
            ".TP", ".B NO_COLOR", text("Never colour the output."),
            ".SH FILES",
            ".TP", ".I plan.json", text("The plan written by plan and read by show, approve, status and apply."),
            ".TP", ".I .opsctl/receipts.jsonl", text("The hash\\-chained receipts log.", raw: true),
            ".TP", ".I .opsctl/checkpoint", text("The receipts head after the last apply; keep it as a CI artifact."),
            ".SH SEE ALSO",
            text("opsctl help <command>, opsctl completion bash|zsh|fish, and the README in the opsctl repository."),
            "",
        ]
        return page.joined(separator: "\n")
    }

    private static func option(_ flag: FlagSpec) -> [String] {
        var label = [flag.shortName, flag.longName].compactMap { $0 }.map { "\\fB" + escaped($0) + "\\fR" }.joined(separator: ", ")
        if case .value(let placeholder) = flag.kind { label += " \\fI" + escaped(placeholder) + "\\fR" }
        return [".TP", label, text(flag.summary)]
    }

    /// Paragraphs of a discussion: its lines were wrapped for the terminal; troff fills them
    /// again, so a paragraph is what lies between blank lines.
    private static func paragraphs(_ discussion: String) -> [String] {
        discussion.components(separatedBy: "\n\n").map { paragraph in
            paragraph.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }.filter { !$0.isEmpty }
    }

    /// Running text: escaped, and never starting with a control character.
    private static func text(_ body: String, raw: Bool = false) -> String {
        let escapedBody = raw ? body : escaped(body)
        return escapedBody.hasPrefix(".") || escapedBody.hasPrefix("'") ? "\\&" + escapedBody : escapedBody
    }

    /// troff's escapes: a backslash is `\e`, a hyphen that must print as a minus (options) is
    /// `\-`, and anything beyond ASCII (`…`, `→`) is a `\[uXXXX]` glyph, since troff reads
    /// Latin-1 unless the page is passed through preconv first.
    static func escaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\e"
            case "-": output += "\\-"
            case _ where scalar.value > 0x7F: output += "\\[u" + String(format: "%04X", scalar.value) + "]"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func quotedArgument(_ text: String) -> String {
        "\"" + escaped(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
    }
}
