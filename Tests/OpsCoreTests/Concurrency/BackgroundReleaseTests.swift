import Foundation
import Testing
@testable import OpsCore

@Suite struct BackgroundReleaseTests {
    /// Records the thread its last reference was dropped on.
    private final class Tracked: @unchecked Sendable {
        let freed: DispatchSemaphore
        let freedOn: UnsafeMutablePointer<pthread_t?>
        init(freed: DispatchSemaphore, freedOn: UnsafeMutablePointer<pthread_t?>) {
            self.freed = freed
            self.freedOn = freedOn
        }
        deinit {
            freedOn.pointee = pthread_self()
            freed.signal()
        }
    }

    private struct Holder {
        var entries: [Tracked]
    }

    @Test func theValueIsFreedOnAnotherThread() {
        let freed = DispatchSemaphore(value: 0)
        let freedOn = UnsafeMutablePointer<pthread_t?>.allocate(capacity: 1)
        defer { freedOn.deallocate() }
        freedOn.initialize(to: nil)
        let holder = Holder(entries: [Tracked(freed: freed, freedOn: freedOn)])
        BackgroundRelease.release(consume holder)
        #expect(freed.wait(timeout: .now() + 10) == .success, "the value was never freed")
        let thread = freedOn.pointee
        #expect(thread != nil && pthread_equal(thread!, pthread_self()) == 0, "freed on the calling thread")
    }
}
