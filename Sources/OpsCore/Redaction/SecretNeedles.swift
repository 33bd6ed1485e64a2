import Glibc

/// The registered secrets' forms as bytes, longest first, searched for in one pass over a text.
///
/// Every check of a plan passes through the redactor, and a registered token has a dozen
/// forms; searching the text once per form was most of a 1,000-label plan's redaction. One pass
/// looks only where a byte starts some form (docs/performance.md). Each form's occurrences are
/// found left to right without overlapping each other, as a search per form finds them.
struct SecretNeedles: Sendable {
    let forms: [[UInt8]]
    /// Per byte value: the forms that start with it, in `forms`' order, so a position is
    /// compared with those alone rather than with a token's dozen forms.
    private var formsStartingWith: [[Int]] = Array(repeating: [], count: 256)
    /// Per byte value: whether any form starts with it. Most of a text's bytes start none, and
    /// this flat table answers without touching `formsStartingWith`'s inner arrays, each of
    /// which was retained and released at every byte of every text (docs/performance.md).
    private var startsAForm = [Bool](repeating: false, count: 256)

    init(forms: [[UInt8]] = []) {
        self.forms = forms.filter { !$0.isEmpty }
        for (number, form) in self.forms.enumerated() {
            formsStartingWith[Int(form[0])].append(number)
            startsAForm[Int(form[0])] = true
        }
    }

    /// Appends the range of every occurrence of every form in `text`.
    func occurrences(in text: UnsafeBufferPointer<UInt8>, into found: inout [Range<Int>]) {
        guard !forms.isEmpty, let base = text.baseAddress else { return }
        let count = text.count
        // Where each form may next match (an occurrence hides the same form's overlapping ones);
        // made at the first match only, as most texts hold none and an array is an allocation.
        var nextAllowed: [Int] = []
        startsAForm.withUnsafeBufferPointer { startsAForm in
            for index in 0..<count where startsAForm[Int(base[index])] {
                for number in formsStartingWith[Int(base[index])] {
                    let matches = forms[number].withUnsafeBufferPointer { form in
                        form.count <= count - index && memcmp(base + index, form.baseAddress!, form.count) == 0
                    }
                    guard matches else { continue }
                    if nextAllowed.isEmpty { nextAllowed = [Int](repeating: 0, count: forms.count) }
                    guard index >= nextAllowed[number] else { continue }
                    found.append(index..<(index + forms[number].count))
                    nextAllowed[number] = index + forms[number].count
                }
            }
        }
    }
}
