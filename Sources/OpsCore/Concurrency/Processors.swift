import Foundation

/// How many processors the system has online, read once: whether work beside the caller's
/// thread can run at the same time (the parse ahead, early sections, parallel maps).
///
/// Not Foundation's `ProcessInfo.activeProcessorCount`: on Linux its first use builds
/// `ProcessInfo` and reads the control group's CPU quota through Foundation's file and URL
/// machinery, about 0.6 ms, on the path to a plan's first request (docs/performance.md).
package enum Processors {
    package static let online = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
