import Glibc
import Testing
@testable import OpsSandbox

@Suite("Sandbox timestamp: one instant, each vendor's spelling")
struct SandboxTimestampTests {
    @Test("the HTTP Date header's IMF-fixdate and GitHub's RFC 3339")
    func wholeSeconds() {
        let instant = SandboxTimestamp(epochSeconds: 784_111_777)
        #expect(instant.httpDate == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(instant.rfc3339 == "1994-11-06T08:49:37Z")
    }

    @Test("Storage's timestamptz keeps microseconds, zero-padded, with an explicit offset")
    func microseconds() {
        #expect(SandboxTimestamp(epochMicroseconds: 1_613_537_012_770_206).postgresTimestamptz == "2021-02-17T04:43:32.770206+00:00")
        #expect(SandboxTimestamp(epochMicroseconds: 1_613_537_012_000_042).postgresTimestamptz == "2021-02-17T04:43:32.000042+00:00")
    }

    @Test("seconds and milliseconds round down, before 1970 too")
    func rounding() {
        let instant = SandboxTimestamp(epochMicroseconds: 1_613_537_012_770_206)
        #expect(instant.epochSeconds == 1_613_537_012)
        #expect(instant.epochMilliseconds == 1_613_537_012_770)
        let justBefore = SandboxTimestamp(epochMicroseconds: -1)
        #expect(justBefore.epochSeconds == -1)
        #expect(justBefore.epochMilliseconds == -1)
        #expect(justBefore.rfc3339 == "1969-12-31T23:59:59Z")
        #expect(justBefore.postgresTimestamptz == "1969-12-31T23:59:59.999999+00:00")
    }

    @Test("now reads the wall clock")
    func now() {
        #expect(abs(SandboxTimestamp.now().epochSeconds - Int(time(nil))) <= 1)
        #expect(SandboxTimestamp(epochSeconds: 1) < SandboxTimestamp(epochMicroseconds: 1_000_001))
    }
}
