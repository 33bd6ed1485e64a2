// TODO(config): the full model of SPEC section 3.
public struct DesiredState: Sendable, Equatable {
    public init() {}
}
