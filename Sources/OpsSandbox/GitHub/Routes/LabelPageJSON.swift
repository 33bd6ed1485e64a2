import OpsCore

extension GitHubEmulator {
    /// A page of labels written straight to JSON bytes: the bytes `JSONWriter.canonicalBytes`
    /// makes of an array of `LabelRoutes.render`'s objects, without building those objects.
    /// A plan of 10,000 labels asks for a hundred pages of a hundred, and building a
    /// `JSONValue` dictionary per label, then sorting its keys to write it, cost about three
    /// quarters of the sandbox's CPU per request (docs/performance.md).
    ///
    /// Members are written in the canonical order, which the wire keeps: `color`, `default`,
    /// `description`, `id`, `name`, `node_id`, `url`. Strings and numbers are written with
    /// `JSONWriter`'s escapes (`OutputBytes.appendJSONString`, `appendJSONInt`); the fixed
    /// parts between them are appended as whole runs.
    enum LabelPageJSON {
        static func bytes(_ labels: ArraySlice<Label>, links: Links) -> [UInt8] {
            var output = OutputBytes(capacity: labels.count * 256)
            // Each label's URL is the same prefix and its percent-encoded name: the prefix,
            // with the member's name before it, is escaped once a page.
            var urlMember = OutputBytes()
            urlMember.append(#","url":""#)
            urlMember.appendJSONEscaped(links.label(""))
            output.append(UInt8(ascii: "["))
            var first = true
            for label in labels {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                write(label, links: links, urlMember: urlMember, into: &output)
            }
            output.append(UInt8(ascii: "]"))
            return output.bytes
        }

        /// Appended through `OutputBytes`, a pointer into room made once per piece: the
        /// array's own appends were half of a page's cost.
        private static func write(_ label: Label, links: Links, urlMember: OutputBytes, into output: inout OutputBytes) {
            output.append(#"{"color":"#)
            output.appendJSONString(label.color)
            let defaultThenDescription: StaticString = label.isDefault ? #","default":true,"description":"# : #","default":false,"description":"#
            output.append(defaultThenDescription)
            if let description = label.description {
                output.appendJSONString(description)
            } else {
                output.append("null")
            }
            output.append(#","id":"#)
            output.appendJSONInt(label.id)
            output.append(#","name":"#)
            output.appendJSONString(label.name)
            output.append(#","node_id":"#)
            output.appendJSONString(links.nodeID("05:Label", label.id))
            output.append(urlMember)
            output.appendJSONEscaped(PercentEncoding.encode(label.name))
            // The url's closing quote and the object's brace.
            output.append(#""}"#)
        }
    }
}
