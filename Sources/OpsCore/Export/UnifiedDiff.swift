/// A unified diff (`diff -u`'s format) of two texts, line by line, from the shortest edit
/// script (Myers' O(ND) algorithm). Export bundles carry one between a change's before and
/// after snapshots, so a reviewer can read it with any diff tool.
package enum UnifiedDiff {
    enum Edit: Equatable {
        case equal(old: Int, new: Int)
        case delete(old: Int)
        case insert(new: Int)
    }

    /// Beyond this many differing lines the search would cost quadratic memory; the diff
    /// then replaces the whole text, which is still a correct diff.
    static let maximumEditDistance = 2000

    /// Empty when the texts are equal.
    package static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let oldLines = lines(old)
        let newLines = lines(new)
        let edits = script(oldLines, newLines)
        guard edits.contains(where: { if case .equal = $0 { false } else { true } }) else { return "" }
        var text = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(edits, context: context) {
            text += header(hunk)
            for edit in hunk {
                switch edit {
                case .equal(let old, _): text += " \(oldLines[old])\n"
                case .delete(let old): text += "-\(oldLines[old])\n"
                case .insert(let new): text += "+\(newLines[new])\n"
                }
            }
        }
        return text
    }

    static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { parts.removeLast() }
        return parts
    }

    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        // Each step keeps the furthest x per diagonal k in -d...d, stored at index k + d.
        var trace: [[Int]] = []
        var frontier: [Int] = []
        var found: Int?
        for d in 0...min(n + m, maximumEditDistance) {
            var current = [Int](repeating: 0, count: 2 * d + 1)
            func previous(_ k: Int) -> Int { frontier[k + d - 1] }
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if d == 0 {
                    x = 0
                } else if k == -d || (k != d && previous(k - 1) < previous(k + 1)) {
                    x = previous(k + 1)
                } else {
                    x = previous(k - 1) + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                current[k + d] = x
                if x >= n, y >= m { found = d }
            }
            trace.append(current)
            frontier = current
            if found != nil { break }
        }
        guard let distance = found else {
            return (0..<n).map { .delete(old: $0) } + (0..<m).map { .insert(new: $0) }
        }
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: distance, through: 0, by: -1) {
            let k = x - y
            guard d > 0 else {
                while x > 0, y > 0 {
                    edits.append(.equal(old: x - 1, new: y - 1))
                    x -= 1
                    y -= 1
                }
                break
            }
            let before = trace[d - 1]
            func at(_ k: Int) -> Int { before[k + d - 1] }
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = at(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                edits.append(.equal(old: x - 1, new: y - 1))
                x -= 1
                y -= 1
            }
            if x == previousX {
                edits.append(.insert(new: y - 1))
                y -= 1
            } else {
                edits.append(.delete(old: x - 1))
                x -= 1
            }
        }
        return edits.reversed()
    }

    /// Runs of edits with `context` equal lines around each change; runs closer than twice
    /// the context merge, as `diff -u` does.
    static func hunks(_ edits: [Edit], context: Int) -> [[Edit]] {
        let changed = edits.indices.filter { if case .equal = edits[$0] { false } else { true } }
        var hunks: [[Edit]] = []
        var start = max(0, changed[0] - context)
        var end = min(edits.count - 1, changed[0] + context)
        for index in changed.dropFirst() {
            if index - context <= end + 1 {
                end = min(edits.count - 1, index + context)
            } else {
                hunks.append(Array(edits[start...end]))
                start = max(0, index - context)
                end = min(edits.count - 1, index + context)
            }
        }
        hunks.append(Array(edits[start...end]))
        return hunks
    }

    static func header(_ hunk: [Edit]) -> String {
        var oldStart: Int?
        var newStart: Int?
        var oldCount = 0
        var newCount = 0
        for edit in hunk {
            switch edit {
            case .equal(let old, let new):
                oldStart = oldStart ?? old
                newStart = newStart ?? new
                oldCount += 1
                newCount += 1
            case .delete(let old):
                oldStart = oldStart ?? old
                oldCount += 1
            case .insert(let new):
                newStart = newStart ?? new
                newCount += 1
            }
        }
        // A side without lines in a hunk is an empty file (with context, every other hunk has
        // equal lines on both sides); diff -u writes it as 0,0.
        func range(_ start: Int?, _ count: Int) -> String {
            guard let start else { return "0,0" }
            return count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
        }
        return "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
    }
}
