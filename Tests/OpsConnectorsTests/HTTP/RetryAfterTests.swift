import Foundation
import Testing

@testable import OpsConnectors

@Suite("Retry-After and HTTP dates")
struct RetryAfterTests {
    /// 1994-11-06T08:49:37Z, the RFC's own example instant.
    static let rfcInstant = Date(timeIntervalSince1970: 784_111_777)

    @Test(arguments: [
        ("120", Duration.seconds(120)),
        ("0", Duration.zero),
        (" 5 ", Duration.seconds(5)),
        ("1.5", Duration.milliseconds(1500)),
    ])
    func seconds(value: String, expected: Duration) {
        #expect(RetryAfter.parse(value, now: Self.rfcInstant) == expected)
    }

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:50:07 GMT",  // IMF-fixdate
        "Sunday, 06-Nov-94 08:50:07 GMT",  // obsolete RFC 850
        "Sun Nov  6 08:50:07 1994",  // obsolete asctime
    ])
    func dates(value: String) {
        #expect(RetryAfter.parse(value, now: Self.rfcInstant) == .seconds(30))
    }

    @Test func aDateInThePastMeansNow() {
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: Self.rfcInstant) == .zero)
    }

    @Test(arguments: [
        "", "soon", "-5", "5s", "1e3", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 06 Nov 1994",
    ])
    func garbageIsIgnored(value: String) {
        #expect(RetryAfter.parse(value, now: Self.rfcInstant) == nil)
    }

    @Test func missingHeader() {
        #expect(RetryAfter.parse(nil, now: Self.rfcInstant) == nil)
    }

    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("Tue, 29 Feb 2000 12:00:00 GMT", 951_825_600.0),
        ("Fri, 31 Dec 2049 23:59:59 GMT", 2_524_607_999.0),
    ])
    func httpDates(value: String, epoch: Double) {
        #expect(OpsConnectors.HTTPDate.parse(value)?.timeIntervalSince1970 == epoch)
    }
}
