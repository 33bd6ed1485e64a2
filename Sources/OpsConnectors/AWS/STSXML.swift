/// Reads STS's XML answers (a wire format, read by hand): the text of the first element
/// with a given name. STS's answers are flat, machine-written documents with no attributes
/// on these elements and no CDATA, so looking elements up by name is enough; entities are
/// decoded, namespaces prefixes tolerated.
package enum STSXML {
    package static func text(of element: String, in document: String) -> String? {
        var searchFrom = document.startIndex
        while let open = document.range(of: "<", range: searchFrom..<document.endIndex) {
            let nameStart = open.upperBound
            guard let close = document.range(of: ">", range: nameStart..<document.endIndex) else { return nil }
            var name = document[nameStart..<close.lowerBound]
            searchFrom = close.upperBound
            if name.hasSuffix("/") || name.hasPrefix("/") || name.hasPrefix("?") || name.hasPrefix("!") { continue }
            if let space = name.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) { name = name[..<space] }
            let local = name.split(separator: ":").last.map(String.init) ?? String(name)
            guard local == element else { continue }
            guard let end = document.range(of: "</\(name)>", range: close.upperBound..<document.endIndex) else { return nil }
            return decodeEntities(String(document[close.upperBound..<end.lowerBound]))
        }
        return nil
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                output += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": output += "&"
            case "lt": output += "<"
            case "gt": output += ">"
            case "quot": output += "\""
            case "apos": output += "'"
            default:
                if entity.hasPrefix("#x"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                    output.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += "&" + entity + ";"
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return output + rest
    }
}
