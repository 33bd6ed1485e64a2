/// Where inside a section the JSON does not have the expected shape, as a JSON path such as
/// `repos["acme/app"].labels[2].color`.
package struct StateDecodingError: Error, Sendable, Equatable {
    package var path: String
    package var problem: String

    package init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }
}
