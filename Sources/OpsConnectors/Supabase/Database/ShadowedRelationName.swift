/// How the normaliser's temporary copy of a table changes the way the server prints the
/// real table, and the rewrite that undoes it.
///
/// While `pg_temp.members` shadows `public.members`, the real table is no longer visible by
/// its bare name, so a desired policy that names it schema-qualified
/// (`exists (select 1 from public.members m ...)`) is printed `public.members`, while the
/// catalog, read without the copy, prints the same reference as `members`. `shadowed` is the
/// real table's name as printed under the copy (`regclass` output, which quotes exactly as
/// `pg_get_expr` does), `visible` as printed without it; replacing one by the other in the
/// desired expression prints both sides under the same conditions.
struct ShadowedRelationName: Sendable, Equatable {
    var shadowed: String
    var visible: String

    /// `expression` with every occurrence of `shadowed` as a whole name, outside string
    /// literals, replaced by `visible`.
    func rewrite(_ expression: String) -> String {
        guard shadowed != visible, expression.containsUTF8(shadowed) else { return expression }
        let scalars = Array(expression.unicodeScalars)
        let target = Array(shadowed.unicodeScalars)
        var result = String.UnicodeScalarView()
        var inLiteral = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "'" {
                inLiteral.toggle()
            } else if !inLiteral, Self.matches(target, in: scalars, at: index) {
                result.append(contentsOf: visible.unicodeScalars)
                index += target.count
                continue
            }
            result.append(scalar)
            index += 1
        }
        return String(result)
    }

    /// `target` starts at `index` and is not part of a longer name on either side.
    private static func matches(_ target: [Unicode.Scalar], in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + target.count <= scalars.count, Array(scalars[index..<(index + target.count)]) == target else { return false }
        if index > 0, continuesName(scalars[index - 1]) { return false }
        if index + target.count < scalars.count, continuesName(scalars[index + target.count]) { return false }
        return true
    }

    private static func continuesName(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "$" || scalar == "." || scalar == "\""
    }
}
