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

    /// Several values in one hand-over: each is freed, none on the calling thread.
    @Test func severalValuesAreAllFreedOnAnotherThread() {
        let freed = DispatchSemaphore(value: 0)
        let places = UnsafeMutablePointer<pthread_t?>.allocate(capacity: 2)
        defer { places.deallocate() }
        places.initialize(repeating: nil, count: 2)
        let first = Holder(entries: [Tracked(freed: freed, freedOn: places)])
        let second = [Tracked(freed: freed, freedOn: places + 1)]
        BackgroundRelease.release(consume first, consume second)
        for _ in 0..<2 { #expect(freed.wait(timeout: .now() + 10) == .success, "a value was never freed") }
        for index in 0..<2 {
            let thread = places[index]
            #expect(thread != nil && pthread_equal(thread!, pthread_self()) == 0, "value \(index) freed on the calling thread")
        }
    }
}
