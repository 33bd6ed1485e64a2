/// Reads the `version` key every configuration file may start with.
enum FileVersion {
    enum Outcome {
        case supported(Int)
        /// The file was written for a newer opsctl; the rest of it cannot be read reliably.
        case tooNew
    }

    /// Reports a malformed or unsupported version. A missing or malformed one reads as the
    /// supported version, so the rest of the file is still checked.
    static func read(_ reader: MappingReader, supported: Int) -> Outcome {
        guard let value = reader["version"] else { return .supported(supported) }
        guard let version = value.int() else { return .supported(supported) }
        if version > supported {
            value.error(
                "this file needs a newer opsctl: it is version \(version), and this opsctl reads up to version \(supported)",
                hint: "upgrade opsctl, or write version: \(supported) if the file uses nothing newer"
            )
            return .tooNew
        }
        if version < 1 {
            value.error("version must be between 1 and \(supported), found \(version)", hint: "write version: \(supported)")
            return .supported(supported)
        }
        return .supported(version)
    }
}

extension ConfigValue {
    /// Decodes the top-level mapping of a file, stopping early when the file's version is
    /// newer than this build reads, because its other keys would only produce noise.
    func fileRoot<Model>(kind: String, supportedVersion: Int, _ decode: (MappingReader, Int) -> Model?) -> Model? {
        guard node.isMapping else {
            error("the top level of \(kind) must be a mapping of keys, found \(node.kindDescription)",
                  hint: "start the file with 'version: \(supportedVersion)' followed by the keys it declares")
            return nil
        }
        var tooNew = false
        let model: Model? = mapping { reader in
            switch FileVersion.read(reader, supported: supportedVersion) {
            case .tooNew:
                tooNew = true
                _ = reader.entries  // accepts every key: they may be valid in the newer version
                return nil
            case .supported(let version):
                return decode(reader, version)
            }
        }
        return tooNew ? nil : model
    }
}
