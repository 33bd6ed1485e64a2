import Glibc

/// The registered secrets' forms as bytes, longest first, searched for in one pass over a text.
///
/// Every check of a plan passes through the redactor, and a registered token has a dozen
/// forms; searching the text once per form was most of a 1,000-label plan's redaction. One pass
/// looks only where a text's next two bytes begin some form (docs/performance.md). Each form's
/// occurrences are found left to right without overlapping each other, as a search per form
/// finds them.
struct SecretNeedles: Sendable {
    /// Keeps the tables' memory for as long as any copy of these needles is held.
    private let owner: TablesOwner?
    /// The same tables as a value of pointers, which the search reads: reading them through
    /// the owning class took a reference to it for every text, and the threads redacting a
    /// plan's checks together contended for that one count (docs/performance.md).
    private let tables: Tables?

    init(forms: [[UInt8]] = []) {
        let forms = forms.filter { !$0.isEmpty }
        owner = forms.isEmpty ? nil : TablesOwner(Tables(forms: forms))
        tables = owner?.tables
    }

    /// Appends the range of every occurrence of every form in `text`.
    func occurrences(in text: UnsafeBufferPointer<UInt8>, into found: inout [Range<Int>]) {
        guard let tables, let base = text.baseAddress else { return }
        // The tables' memory is the owner's: it must outlive the search however the optimiser
        // splits this value (the owner is borrowed here, so this costs no reference).
        withExtendedLifetime(owner) { search(tables, base: base, count: text.count, into: &found) }
    }

    private func search(_ tables: Tables, base: UnsafePointer<UInt8>, count: Int, into found: inout [Range<Int>]) {
        // Where each form may next match (an occurrence hides the same form's overlapping ones);
        // made at the first match only, as most texts hold none and an array is an allocation.
        var nextAllowed: [Int] = []
        var index = 0
        while true {
            // The forms' first bytes rule out most positions before the pair test: that test alone
            // (its index, shift and mask), read through the tables at every byte, was about 22
            // instructions a byte of every check's texts (docs/performance.md).
            index = tables.nextFirstByte(in: base, from: index, count: count)
            guard index < count else { return }
            defer { index += 1 }
            let first = Int(base[index])
            let mayStart = index + 1 < count ? tables.pairs.contains(base[index], base[index + 1]) : tables.firstByteStartsAForm(first)
            guard mayStart else { continue }
            for slot in tables.slots(startingWith: first) {
                let number = tables.formsByFirstByte[slot]
                let form = tables.form(number)
                guard form.count <= count - index, memcmp(base + index, form.baseAddress!, form.count) == 0 else { continue }
                if nextAllowed.isEmpty { nextAllowed = [Int](repeating: 0, count: tables.formCount) }
                guard index >= nextAllowed[number] else { continue }
                found.append(index..<(index + form.count))
                nextAllowed[number] = index + form.count
            }
        }
    }

    /// Frees the tables when the last needles holding them go.
    private final class TablesOwner: Sendable {
        let tables: Tables

        init(_ tables: Tables) {
            self.tables = tables
        }

        deinit {
            tables.deallocate()
        }
    }

    /// The forms laid out flat, read through unsafe pointers: the search reads them at every
    /// byte that might begin one, and reading an array of arrays there retained and released
    /// each inner array every time, the largest cost of redacting a Supabase plan's checks
    /// (docs/performance.md). Written once in `init`, then only read, from any thread.
    private struct Tables: @unchecked Sendable {
        let formCount: Int
        /// Every form's bytes, one after another, in the order given.
        private let bytes: UnsafeMutableBufferPointer<UInt8>
        /// Form i is `bytes[starts[i] ..< starts[i + 1]]`.
        private let starts: UnsafeMutableBufferPointer<Int>
        /// The forms that start with byte b, in the order given, are
        /// `formsByFirstByte[firstByteBounds[b] ..< firstByteBounds[b + 1]]`.
        private let firstByteBounds: UnsafeMutableBufferPointer<Int>
        let formsByFirstByte: UnsafeMutableBufferPointer<Int>
        /// The pairs of bytes the forms begin with.
        let pairs: BytePairBits
        /// The distinct first bytes, each repeated in all eight bytes of a word, when the forms
        /// begin with at most four (one registered token's forms usually do: the token and its
        /// base64 cores), the last repeated to fill the four; nil otherwise, and the search goes
        /// a byte at a time. Four fixed words, not a list: a loop over a list cost more than the
        /// bytes it saved for a label plan's short texts.
        private let firstByteWords: (UInt64, UInt64, UInt64, UInt64)?

        init(forms: [[UInt8]]) {
            formCount = forms.count
            bytes = .allocate(capacity: forms.reduce(0) { $0 + $1.count })
            starts = .allocate(capacity: forms.count + 1)
            firstByteBounds = .allocate(capacity: 257)
            formsByFirstByte = .allocate(capacity: forms.count)
            pairs = BytePairBits(startsOf: forms)
            var offset = 0
            for (number, form) in forms.enumerated() {
                starts[number] = offset
                _ = UnsafeMutableBufferPointer(rebasing: bytes[offset..<(offset + form.count)]).initialize(from: form)
                offset += form.count
            }
            starts[forms.count] = offset
            var slot = 0
            for byte in 0..<256 {
                firstByteBounds[byte] = slot
                for (number, form) in forms.enumerated() where Int(form[0]) == byte {
                    formsByFirstByte[slot] = number
                    slot += 1
                }
            }
            firstByteBounds[256] = slot
            let words = Set(forms.map { $0[0] }).sorted().map(ByteLanes.repeating)
            firstByteWords = words.count <= 4 ? (words[0], words[min(1, words.count - 1)], words[min(2, words.count - 1)], words[words.count - 1]) : nil
        }

        /// The first position from `start` on whose byte begins some form, or `count`. With few
        /// first bytes, eight bytes are tested at a time, a word's bytes against each first byte
        /// at once (`ByteLanes.zeroMarks`, whose lowest mark is exact); a byte at a time they were
        /// about 12 instructions a byte of a plan's checks (docs/performance.md).
        func nextFirstByte(in base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
            var index = start
            if let (first, second, third, fourth) = firstByteWords {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let marks = ByteLanes.zeroMarks(word ^ first) | ByteLanes.zeroMarks(word ^ second)
                        | ByteLanes.zeroMarks(word ^ third) | ByteLanes.zeroMarks(word ^ fourth)
                    if marks != 0 { return index + ByteLanes.firstMarkedLane(marks) }
                    index += 8
                }
            }
            while index < count, !someFormStarts(with: Int(base[index])) { index += 1 }
            return index
        }

        func deallocate() {
            bytes.deallocate()
            starts.deallocate()
            firstByteBounds.deallocate()
            formsByFirstByte.deallocate()
            pairs.deallocate()
        }

        /// For a text's last byte, which only a one-byte form can begin.
        func firstByteStartsAForm(_ byte: Int) -> Bool {
            slots(startingWith: byte).contains { form(formsByFirstByte[$0]).count == 1 }
        }

        func someFormStarts(with byte: Int) -> Bool {
            firstByteBounds[byte] != firstByteBounds[byte + 1]
        }

        func slots(startingWith byte: Int) -> Range<Int> {
            firstByteBounds[byte]..<firstByteBounds[byte + 1]
        }

        func form(_ number: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[starts[number]..<starts[number + 1]])
        }
    }
}
