import OpsCore

extension SandboxStateStore {
    /// Runs one request's route against a copy of the scope's section, inside one store
    /// transaction: the copy replaces the section only when the route returns, so a route that
    /// throws half-way leaves no trace and nothing is saved.
    ///
    /// - Parameters:
    ///   - route: reads and changes the section; a `RouteFailure` is answered as it stands.
    ///   - unsaved: the vendor's server error for a change the store could not save; the
    ///     section then keeps its old value too.
    package func transactionOnCopy<Section: SandboxStateSection>(
        _ type: Section.Type,
        scope: String,
        _ route: (inout Section) throws(RouteFailure) -> HTTPResponse,
        unsaved: (SandboxStateError) -> HTTPResponse
    ) -> HTTPResponse {
        do throws(SandboxStateError) {
            return try transaction(type, scope: scope) { section in
                var draft = section
                do throws(RouteFailure) {
                    let response = try route(&draft)
                    section = draft
                    return response
                } catch {
                    return error.response
                }
            }
        } catch {
            return unsaved(error)
        }
    }
}
