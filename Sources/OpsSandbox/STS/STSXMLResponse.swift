import Foundation
import OpsCore

/// STS's query-protocol answers: XML in the 2011-06-15 namespace, `text/xml`, errors as
/// `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error>`.
enum STSXMLResponse {
    static let namespace = "https://sts.amazonaws.com/doc/2011-06-15/"

    static func success(_ action: String, result: [(String, XMLNode)]) -> HTTPResponse {
        let requestID = UUID().uuidString.lowercased()
        let body = element("\(action)Response", attributes: " xmlns=\"\(namespace)\"", [
            ("\(action)Result", .children(result)),
            ("ResponseMetadata", .children([("RequestId", .text(requestID))])),
        ])
        return HTTPResponse(status: 200, headers: headers(requestID), body: Array(body.utf8))
    }

    static func error(_ refusal: AWSRefusal) -> HTTPResponse {
        let requestID = UUID().uuidString.lowercased()
        let body = element("ErrorResponse", attributes: " xmlns=\"\(namespace)\"", [
            ("Error", .children([
                ("Type", .text(refusal.status >= 500 ? "Receiver" : "Sender")), ("Code", .text(refusal.code)), ("Message", .text(refusal.message)),
            ])),
            ("RequestId", .text(requestID)),
        ])
        return HTTPResponse(status: refusal.status, headers: headers(requestID), body: Array(body.utf8))
    }

    indirect enum XMLNode: Sendable {
        case text(String)
        case children([(String, XMLNode)])
    }

    static func element(_ name: String, attributes: String = "", _ children: [(String, XMLNode)]) -> String {
        "<\(name)\(attributes)>" + children.map { render($0.0, $0.1) }.joined() + "</\(name)>"
    }

    static func render(_ name: String, _ node: XMLNode) -> String {
        switch node {
        case .text(let text): "<\(name)>\(escape(text))</\(name)>"
        case .children(let children): element(name, children)
        }
    }

    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.append(character)
            }
        }
        return output
    }

    private static func headers(_ requestID: String) -> HTTPHeaders {
        HTTPHeaders([("Content-Type", "text/xml"), ("x-amzn-RequestId", requestID)])
    }
}
