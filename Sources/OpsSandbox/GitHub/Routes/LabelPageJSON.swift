import OpsCore

extension GitHubEmulator {
    /// A page of labels written straight to JSON bytes: the bytes `JSONWriter.canonicalBytes`
    /// makes of an array of `LabelRoutes.render`'s objects, without building those objects.
    /// A plan of 10,000 labels asks for a hundred pages of a hundred, and building a
    /// `JSONValue` dictionary per label, then sorting its keys to write it, cost about three
    /// quarters of the sandbox's CPU per request (docs/performance.md).
    ///
    /// Members are written in the canonical order, which the wire keeps: `color`, `default`,
    /// `description`, `id`, `name`, `node_id`, `url`. Strings go through `JSONWriter`'s escaping.
    enum LabelPageJSON {
        static func bytes(_ labels: ArraySlice<Label>, links: Links) -> [UInt8] {
            var output: [UInt8] = []
            output.reserveCapacity(labels.count * 256)
            // Each label's URL is this prefix and its percent-encoded name; escaped once a page.
            var urlPrefix: [UInt8] = []
            JSONWriter.writeEscaped(links.label(""), into: &urlPrefix)
            output.append(UInt8(ascii: "["))
            var first = true
            for label in labels {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                write(label, links: links, urlPrefix: urlPrefix, into: &output)
            }
            output.append(UInt8(ascii: "]"))
            return output
        }

        private static func write(_ label: Label, links: Links, urlPrefix: [UInt8], into output: inout [UInt8]) {
            output.append(contentsOf: colorKey)
            JSONWriter.writeString(label.color, into: &output)
            output.append(contentsOf: defaultKey)
            output.append(contentsOf: label.isDefault ? trueBytes : falseBytes)
            output.append(contentsOf: descriptionKey)
            if let description = label.description {
                JSONWriter.writeString(description, into: &output)
            } else {
                output.append(contentsOf: nullBytes)
            }
            output.append(contentsOf: idKey)
            output.append(contentsOf: String(label.id).utf8)
            output.append(contentsOf: nameKey)
            JSONWriter.writeString(label.name, into: &output)
            output.append(contentsOf: nodeIDKey)
            JSONWriter.writeString(links.nodeID("05:Label", label.id), into: &output)
            output.append(contentsOf: urlKey)
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: urlPrefix)
            JSONWriter.writeEscaped(PercentEncoding.encode(label.name), into: &output)
            output.append(UInt8(ascii: "\""))
            output.append(UInt8(ascii: "}"))
        }

        private static let colorKey = Array(#"{"color":"#.utf8)
        private static let defaultKey = Array(#","default":"#.utf8)
        private static let descriptionKey = Array(#","description":"#.utf8)
        private static let idKey = Array(#","id":"#.utf8)
        private static let nameKey = Array(#","name":"#.utf8)
        private static let nodeIDKey = Array(#","node_id":"#.utf8)
        private static let urlKey = Array(#","url":"#.utf8)
        private static let trueBytes = Array("true".utf8)
        private static let falseBytes = Array("false".utf8)
        private static let nullBytes = Array("null".utf8)
    }
}
