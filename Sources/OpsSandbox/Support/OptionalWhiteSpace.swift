extension StringProtocol {
    /// Drops the optional white space (spaces and tabs) HTTP allows around values.
    var trimmingOWS: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
