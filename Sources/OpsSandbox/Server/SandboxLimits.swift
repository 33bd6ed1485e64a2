/// Bounds that keep one misbehaving client from exhausting the sandbox.
package struct SandboxLimits: Sendable, Equatable {
    /// Request line plus headers; more is answered with 431.
    package var maxHeaderBytes: Int
    /// Request body; more is answered with 413 without reading it.
    package var maxBodyBytes: Int
    /// How long a keep-alive connection may sit idle between requests before it is closed.
    package var idleTimeout: Duration
    /// How long a started request may take to arrive completely; then 408.
    package var requestTimeout: Duration
    /// How long one response write may block on a client that does not read.
    package var writeTimeout: Duration
    /// Connections served at once; further ones get 503 and are closed.
    package var maxConnections: Int
    /// How long `stop()` waits for connection threads to finish.
    package var stopTimeout: Duration

    package init(
        maxHeaderBytes: Int = 64 * 1024,
        maxBodyBytes: Int = 8 * 1024 * 1024,
        idleTimeout: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(30),
        writeTimeout: Duration = .seconds(30),
        maxConnections: Int = 256,
        stopTimeout: Duration = .seconds(10)
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.writeTimeout = writeTimeout
        self.maxConnections = maxConnections
        self.stopTimeout = stopTimeout
    }
}
