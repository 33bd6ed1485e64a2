import Foundation

/// The process environment as a value, so that tests can run opsctl with any variables
/// without touching the real environment.
package struct Environment: Sendable, Hashable {
    package var variables: [String: String]

    package init(variables: [String: String] = [:]) {
        self.variables = variables
    }

    /// The environment this process was started with. Read from `environ` directly, with
    /// `ProcessInfo.environment`'s rules (split at the first `=`, the last of a repeated name
    /// wins, an entry without `=` is skipped), at about half the cost of Foundation's, which
    /// every start pays (docs/performance.md).
    ///
    /// The dictionary is made at its final size: grown a variable at a time, it was rehashed at
    /// each doubling, about 25,000 of `opsctl version`'s 592,000 instructions.
    package static var current: Environment {
        var count = 0
        while environ[count] != nil { count += 1 }
        var variables = [String: String](minimumCapacity: count)
        for index in 0..<count {
            guard let pointer = environ[index] else { break }
            let bytes = UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                variables[String(decoding: bytes[..<equals], as: UTF8.self)] =
                    String(decoding: bytes[(equals + 1)...], as: UTF8.self)
            }
        }
        return Environment(variables: variables)
    }

    package subscript(name: String) -> String? {
        variables[name]
    }
}
