import Foundation

/// When to read a long pipeline's answers. A server slower than opsctl (a copy of a table with
/// its policy and index takes it milliseconds) answers group after group, and a reader that
/// took each answer as it came woke once per group: for 1,000 such tables, a third of the
/// plan's CPU went on those wake-ups (docs/performance.md). So once the reader has caught up
/// with the server, it sleeps for as long as the server has been taking for a few groups and
/// then reads whatever came meanwhile in one go.
///
/// Every statement is sent before the first answer is read, so the server works on while the
/// reader sleeps, and a sleep never reaches past the time the last group's answer is due: the
/// pipeline ends at most about one group's time after the server's last answer. The pace is
/// taken from the first answer on, so a distant server's round trip does not count as its
/// pace: a fast server far away is read as its answers come. Short pipelines are read as they
/// come too.
struct PipelinePacing {
    /// Pipelines shorter than this are not paced (a transaction's opening statements, a few
    /// catalog queries): a sleep there would be most of their time.
    static let minimumGroups = 32
    /// How many groups' worth of the server's pace one sleep lasts.
    static let groupsPerSleep = 8
    static let longestSleep: Duration = .milliseconds(20)

    private let groupCount: Int
    /// When the first group's answers had been read.
    private var firstRead: ContinuousClock.Instant?

    init(groupCount: Int) {
        self.groupCount = groupCount
    }

    /// How long to sleep before reading the answers of group `index` when none of them has
    /// arrived whole (`caughtUp`); zero when the reader should simply wait for them. Called
    /// before each group in turn, from the first.
    mutating func sleep(before index: Int, caughtUp: () -> Bool) -> Duration {
        guard groupCount >= Self.minimumGroups else { return .zero }
        let now = ContinuousClock.now
        if index == 1 { firstRead = now }
        // The pace is known once a group has come after the first; the last group is waited for.
        let groupsAfterThis = groupCount - index - 1
        guard index > 1, let firstRead, groupsAfterThis > 0, caughtUp() else { return .zero }
        let pace = (now - firstRead) / (index - 1)
        return min(pace * min(Self.groupsPerSleep, groupsAfterThis), Self.longestSleep)
    }

    /// `sleep(before:caughtUp:)`, slept.
    mutating func pause(before index: Int, caughtUp: () -> Bool) {
        let duration = sleep(before: index, caughtUp: caughtUp)
        guard duration > .zero else { return }
        let (seconds, attoseconds) = duration.components
        var left = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var request = left
        while nanosleep(&request, &left) == -1, errno == EINTR { request = left }
    }
}
