// TODO(config): the full model of SPEC section 4.
public struct ChangePolicy: Sendable, Equatable {
    public init() {}
}
