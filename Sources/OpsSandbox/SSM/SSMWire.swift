import Foundation
import OpsCore

extension SSMEmulator {
    /// SSM's JSON answers, written as AWS writes them. `LastModifiedDate` is a fractional
    /// number of epoch seconds (`1764547200.123`), which `JSONValue` cannot hold (it keeps
    /// integers only, for canonical JSON), so parameters are written member by member: every
    /// string still goes through the canonical writer.
    enum Wire {
        static func parameter(_ parameter: State.Parameter, decrypted: Bool, region: String) -> String {
            let value = parameter.type == "SecureString" && !decrypted ? ciphertext(parameter) : parameter.value
            let members: [(String, String)] = [
                ("ARN", JSONWriter.canonical(.string(arn(parameter.name, region: region)))),
                ("DataType", JSONWriter.canonical("text")),
                ("LastModifiedDate", seconds(parameter.lastModifiedMs)),
                ("Name", JSONWriter.canonical(.string(parameter.name))),
                ("Type", JSONWriter.canonical(.string(parameter.type))),
                ("Value", JSONWriter.canonical(.string(value))),
                ("Version", String(parameter.version)),
            ]
            return object(members)
        }

        static func object(_ members: [(String, String)]) -> String {
            "{" + members.map { JSONWriter.canonical(.string($0.0)) + ":" + $0.1 }.joined(separator: ",") + "}"
        }

        static func array(_ items: [String]) -> String {
            "[" + items.joined(separator: ",") + "]"
        }

        /// `1764547200123` ms → `1764547200.123`.
        static func seconds(_ milliseconds: Int) -> String {
            let whole = milliseconds / 1000
            let fraction = milliseconds % 1000
            return "\(whole).\(String(repeating: "0", count: 3 - String(fraction).count))\(fraction)"
        }

        static func arn(_ name: String, region: String) -> String {
            "arn:aws:ssm:\(region):\(AWSAccountState.accountID):parameter" + (name.hasPrefix("/") ? name : "/" + name)
        }

        /// What SSM returns for a SecureString read without decryption: an opaque blob. Made
        /// from the name and version only, so it says nothing about the value.
        static func ciphertext(_ parameter: State.Parameter) -> String {
            "AQICAH" + Data("sandbox-kms:\(parameter.name):\(parameter.version)".utf8).base64EncodedString()
        }
    }
}
