import OpsCore

extension GitHubEmulator {
    /// A page of labels written straight to JSON bytes: the bytes `JSONWriter.canonicalBytes`
    /// makes of an array of `LabelRoutes.render`'s objects, without building those objects.
    /// A plan of 10,000 labels asks for a hundred pages of a hundred, and building a
    /// `JSONValue` dictionary per label, then sorting its keys to write it, cost about three
    /// quarters of the sandbox's CPU per request (docs/performance.md).
    ///
    /// Members are written in the canonical order, which the wire keeps: `color`, `default`,
    /// `description`, `id`, `name`, `node_id`, `url`. Strings and numbers go through
    /// `JSONWriter`; the fixed parts between them are appended as whole runs.
    enum LabelPageJSON {
        static func bytes(_ labels: ArraySlice<Label>, links: Links) -> [UInt8] {
            var output: [UInt8] = []
            output.reserveCapacity(labels.count * 256)
            // Each label's URL is the same prefix and its percent-encoded name: the prefix,
            // with the member's name before it, is escaped once a page.
            var urlMember = Array(#","url":""#.utf8)
            JSONWriter.writeEscaped(links.label(""), into: &urlMember)
            output.append(UInt8(ascii: "["))
            var first = true
            for label in labels {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                write(label, links: links, urlMember: urlMember, into: &output)
            }
            output.append(UInt8(ascii: "]"))
            return output
        }

        private static func write(_ label: Label, links: Links, urlMember: [UInt8], into output: inout [UInt8]) {
            output.append(contentsOf: colorMember)
            JSONWriter.writeString(label.color, into: &output)
            output.append(contentsOf: label.isDefault ? defaultTrueThenDescription : defaultFalseThenDescription)
            if let description = label.description {
                JSONWriter.writeString(description, into: &output)
            } else {
                output.append(contentsOf: null)
            }
            output.append(contentsOf: idMember)
            JSONWriter.writeInt(label.id, into: &output)
            output.append(contentsOf: nameMember)
            JSONWriter.writeString(label.name, into: &output)
            output.append(contentsOf: nodeIDMember)
            JSONWriter.writeString(links.nodeID("05:Label", label.id), into: &output)
            output.append(contentsOf: urlMember)
            JSONWriter.writeEscaped(PercentEncoding.encode(label.name), into: &output)
            output.append(contentsOf: end)
        }

        private static let colorMember = Array(#"{"color":"#.utf8)
        private static let defaultTrueThenDescription = Array(#","default":true,"description":"#.utf8)
        private static let defaultFalseThenDescription = Array(#","default":false,"description":"#.utf8)
        private static let null = Array("null".utf8)
        private static let idMember = Array(#","id":"#.utf8)
        private static let nameMember = Array(#","name":"#.utf8)
        private static let nodeIDMember = Array(#","node_id":"#.utf8)
        /// The url's closing quote and the object's brace.
        private static let end = Array(#""}"#.utf8)
    }
}
