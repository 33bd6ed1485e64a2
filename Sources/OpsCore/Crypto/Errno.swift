import Glibc

/// `strerror` text plus the symbolic number, for messages that name an OS failure.
func describeErrno(_ code: Int32) -> String {
    "\(String(cString: strerror(code))) (errno \(code))"
}
