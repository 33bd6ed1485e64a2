import Foundation

/// Checks a document against the rules of Prometheus's text exposition format (0.0.4), as
/// written in its specification, independently of the view that wrote it: every line a
/// comment, `# HELP`/`# TYPE` or a sample; metric and label names from the allowed
/// alphabets; label values quoted with only `\\`, `\"` and `\n` escapes; values that parse as
/// floats (or NaN, +Inf, -Inf); one TYPE per family, before its samples; a family's samples
/// together; no series twice; a final line feed.
package enum PrometheusTextFormat {
    package struct Sample: Hashable {
        package var name: String
        package var labels: [String: String]
        package var value: Double
    }

    /// Every rule the document breaks, by line.
    package struct Problems: Error, CustomStringConvertible {
        package var lines: [String]
        package var description: String { lines.joined(separator: "; ") }
        package var isEmpty: Bool { lines.isEmpty }
    }

    /// The samples, or the problems (line number and rule) that make the document invalid.
    package static func parse(_ text: String) -> Result<[Sample], Problems> {
        var problems: [String] = []
        var samples: [Sample] = []
        guard text.hasSuffix("\n") else { return .failure(Problems(lines: ["the document does not end with a line feed"])) }
        var typed: [String: String] = [:]
        var helped: Set<String> = []
        var finishedFamilies: Set<String> = []
        var currentFamily: String?
        var seen: Set<String> = []
        for (index, line) in text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func problem(_ message: String) { problems.append("line \(number): \(message)") }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 3, parts[0] == "#", ["HELP", "TYPE"].contains(parts[1]) else { continue }
                let name = parts[2]
                guard isMetricName(name) else { problem("'\(name)' is not a valid metric name"); continue }
                if finishedFamilies.contains(name) { problem("\(name)'s metadata comes after its samples ended") }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        problem("TYPE of \(name) is not one of counter, gauge, histogram, summary, untyped"); continue
                    }
                    if typed[name] != nil { problem("\(name) has two TYPE lines") }
                    if samples.contains(where: { $0.name == name }) { problem("TYPE of \(name) comes after its samples") }
                    typed[name] = parts[3]
                } else {
                    if helped.contains(name) { problem("\(name) has two HELP lines") }
                    helped.insert(name)
                    if parts.count == 4, !validHelpEscapes(parts[3]) { problem("HELP of \(name) has an escape other than \\\\ or \\n") }
                }
                switchFamily(to: name, current: &currentFamily, finished: &finishedFamilies)
                continue
            }
            guard let sample = parseSample(String(line), problem: problem) else { continue }
            if finishedFamilies.contains(sample.name) { problem("\(sample.name)'s samples are not together") }
            switchFamily(to: sample.name, current: &currentFamily, finished: &finishedFamilies)
            let series = sample.name + "{" + sample.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
            if !seen.insert(series).inserted { problem("the series \(series) appears twice") }
            samples.append(sample)
        }
        return problems.isEmpty ? .success(samples) : .failure(Problems(lines: problems))
    }

    private static func switchFamily(to name: String, current: inout String?, finished: inout Set<String>) {
        if let previous = current, previous != name { finished.insert(previous) }
        current = name
    }

    private static func parseSample(_ line: String, problem: (String) -> Void) -> Sample? {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        guard isMetricName(name) else { problem("the sample line does not start with a valid metric name"); return nil }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let labelName = String(rest.prefix { $0 != "=" })
                guard isLabelName(labelName) else { problem("'\(labelName)' is not a valid label name"); return nil }
                if labels[labelName] != nil { problem("the label \(labelName) appears twice") }
                rest = rest.dropFirst(labelName.count)
                guard rest.first == "=" else { problem("a label name is not followed by ="); return nil }
                rest = rest.dropFirst()
                guard rest.first == "\"" else { problem("the value of \(labelName) is not quoted"); return nil }
                rest = rest.dropFirst()
                var value = ""
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\"" { closed = true; break }
                    if character == "\\" {
                        switch rest.first {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: problem("the value of \(labelName) has an escape other than \\\\, \\\" or \\n"); return nil
                        }
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { problem("the value of \(labelName) is not closed"); return nil }
                labels[labelName] = value
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { problem("labels are not separated by commas"); return nil }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { problem("no space between the series and its value"); return nil }
        let fields = rest.split(separator: " ")
        guard fields.count == 1 || fields.count == 2 else { problem("a sample has a value and at most a timestamp"); return nil }
        let text = String(fields[0])
        let value: Double
        switch text {
        case "NaN": value = .nan
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        default:
            guard let parsed = Double(text), text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else {
                problem("'\(text)' is not a float"); return nil
            }
            value = parsed
        }
        if fields.count == 2, Int64(fields[1]) == nil { problem("the timestamp '\(fields[1])' is not an integer") }
        return Sample(name: name, labels: labels, value: value)
    }

    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return !name.hasPrefix("__") && name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }

    private static func validHelpEscapes(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\\" {
                guard let next = scalars.next(), next == "\\" || next == "n" else { return false }
            }
        }
        return true
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
