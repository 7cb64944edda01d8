/// Bounds every decoder applies to untrusted expression input.
public struct ExpressionLimits: Hashable, Sendable {
    /// The deepest nesting accepted (parentheses, calls, nested nodes).
    public var maximumDepth: Int
    /// The most digits accepted in one integer literal.
    public var maximumIntegerDigits: Int
    /// The most nodes accepted in one expression.
    public var maximumNodes: Int

    public init(maximumDepth: Int = 200, maximumIntegerDigits: Int = 5_000, maximumNodes: Int = 10_000_000) {
        self.maximumDepth = maximumDepth
        self.maximumIntegerDigits = maximumIntegerDigits
        self.maximumNodes = maximumNodes
    }

    /// The defaults used when no limits are given.
    public static let `default` = ExpressionLimits()
}
