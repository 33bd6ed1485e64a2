import OpsCore

/// A vendor's error answer that ends a route early. Routes throw it so a handler reads
/// straight through its checks; the state transaction turns it back into the response and
/// drops whatever the route had changed.
package struct RouteFailure: Error, Sendable {
    package let response: HTTPResponse

    package init(response: HTTPResponse) {
        self.response = response
    }
}
