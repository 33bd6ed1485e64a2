/// Durations as policies write them: `24h`, `90m`, `7d`, `30s`, or several together (`1h30m`).
enum PolicyDuration {
    private static let secondsPerUnit: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    static func seconds(in text: String) -> Int? {
        var total = 0
        var digits = ""
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = secondsPerUnit[character], let amount = Int(digits) {
                let (product, productOverflows) = amount.multipliedReportingOverflow(by: unit)
                let (sum, sumOverflows) = total.addingReportingOverflow(product)
                guard !productOverflows, !sumOverflows else { return nil }
                total = sum
                digits = ""
            } else {
                return nil
            }
        }
        return digits.isEmpty && !text.isEmpty ? total : nil
    }
}
