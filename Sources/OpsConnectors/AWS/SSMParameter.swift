import Foundation

/// One parameter as SSM returns it. `Value` is a secret: whoever decodes one registers it
/// with the redactor before doing anything else with it.
package struct SSMParameter: Sendable, Decodable, Equatable {
    package var name: String
    package var type: String?
    package var value: String
    package var version: Int?
    /// JSON 1.1 timestamps are epoch seconds, often fractional.
    package var lastModified: Date?

    package init(name: String, type: String? = nil, value: String, version: Int? = nil, lastModified: Date? = nil) {
        self.name = name
        self.type = type
        self.value = value
        self.version = version
        self.lastModified = lastModified
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", type = "Type", value = "Value", version = "Version", lastModified = "LastModifiedDate"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        lastModified = try container.decodeIfPresent(Double.self, forKey: .lastModified).map { Date(timeIntervalSince1970: $0) }
    }
}

/// `GetParametersByPath`'s page.
struct SSMParameterPage: Decodable {
    var parameters: [SSMParameter]
    var nextToken: String?

    enum CodingKeys: String, CodingKey {
        case parameters = "Parameters", nextToken = "NextToken"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parameters = try container.decodeIfPresent([SSMParameter].self, forKey: .parameters) ?? []
        nextToken = try container.decodeIfPresent(String.self, forKey: .nextToken).flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `GetParameters`' answer: the parameters found and the names that were not.
package struct SSMParameterBatch: Sendable, Decodable, Equatable {
    package var parameters: [SSMParameter]
    package var invalidParameters: [String]

    package init(parameters: [SSMParameter], invalidParameters: [String]) {
        self.parameters = parameters
        self.invalidParameters = invalidParameters
    }

    enum CodingKeys: String, CodingKey {
        case parameters = "Parameters", invalidParameters = "InvalidParameters"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parameters = try container.decodeIfPresent([SSMParameter].self, forKey: .parameters) ?? []
        invalidParameters = try container.decodeIfPresent([String].self, forKey: .invalidParameters) ?? []
    }
}

/// `PutParameter`'s answer.
struct SSMPutResult: Decodable {
    var version: Int

    enum CodingKeys: String, CodingKey {
        case version = "Version"
    }
}
