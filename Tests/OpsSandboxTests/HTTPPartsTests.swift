import OpsCore
import Testing
@testable import OpsSandbox

@Suite("HTTP parts: request heads, percent-encoding, queries, pages")
struct HTTPPartsTests {
    @Test("request heads parse, with case-insensitive headers and keep-alive rules")
    func requestHead() throws {
        let head = try RequestHeadParser.parse(ArraySlice(Array("GET /a?b=c HTTP/1.1\r\nHost: x\r\ncontent-length:  3 \r\nConnection: Keep-Alive, close\r\n".utf8)))
        #expect(head.method == "GET")
        #expect(head.target == "/a?b=c")
        #expect(head.headers["Content-Length"] == "3")
        #expect(try head.bodyLength(limit: 10) == 3)
        #expect(head.wantsKeepAlive == false)
        #expect(throws: HTTPProtocolError.bodyTooLarge(length: 3, limit: 2)) { try head.bodyLength(limit: 2) }
    }

    @Test("percent-decoding is strict and exact")
    func percentDecoding() {
        #expect(PercentEncoding.decode("good%20first%20issue") == "good first issue")
        #expect(PercentEncoding.decode("a+b") == "a+b")
        #expect(PercentEncoding.decode("a+b", plusAsSpace: true) == "a b")
        #expect(PercentEncoding.decode("%F0%9F%99%8F") == "🙏")
        #expect(PercentEncoding.decode("%zz") == nil)
        #expect(PercentEncoding.decode("%F0") == nil)
        #expect(PercentEncoding.encode("a b/c🙏") == "a%20b%2Fc%F0%9F%99%8F")
        #expect(PercentEncoding.encode("a b/c🙏", uppercase: false) == "a%20b%2fc%f0%9f%99%8f")
        #expect(PercentEncoding.encode("label-00001_x.y~z") == "label-00001_x.y~z")
        #expect(PercentEncoding.encode("") == "")
        let text = "x/good first issue/y"
        #expect(PercentEncoding.encode(text.split(separator: "/")[1]) == "good%20first%20issue")
    }

    @Test("query parameters keep their order and are rewritten for links")
    func query() {
        let query = QueryParameters(parsing: "per_page=100&state=all&page=2&q=a+b")
        #expect(query["q"] == "a b")
        #expect(query.setting("page", to: "3") == "per_page=100&state=all&q=a%20b&page=3")
    }

    @Test("page windows clamp like GitHub and link in GitHub's order")
    func pages() {
        let middle = PageWindow(query: QueryParameters(parsing: "page=2&per_page=10"), total: 35)
        #expect(middle.range == 10..<20)
        #expect(middle.lastPage == 4)
        #expect(middle.linkHeader(baseURL: "http://h/x", query: QueryParameters(parsing: "page=2&per_page=10")) ==
            #"<http://h/x?per_page=10&page=1>; rel="prev", <http://h/x?per_page=10&page=3>; rel="next", <http://h/x?per_page=10&page=4>; rel="last", <http://h/x?per_page=10&page=1>; rel="first""#)
        let defaults = PageWindow(query: QueryParameters(parsing: "per_page=0&page=-3"), total: 5)
        #expect(defaults.perPage == 30 && defaults.page == 1)
        #expect(defaults.linkHeader(baseURL: "http://h/x", query: QueryParameters()) == nil)
        let huge = PageWindow(query: QueryParameters(parsing: "page=\(Int.max)"), total: 5)
        #expect(huge.range.isEmpty)
    }
}
