import QPYExpression

/// Options for reading QPY bytes.
public struct QPYDecodingOptions: Sendable {
    /// Limits on expressions inside the file.
    public var expressionLimits: ExpressionLimits
    /// The deepest nesting of schedule blocks and nested values accepted.
    public var maximumNestingDepth: Int
    /// The largest size one zlib-compressed expression may inflate to.
    public var maximumInflatedSize: Int

    public init(expressionLimits: ExpressionLimits = .default, maximumNestingDepth: Int = 64, maximumInflatedSize: Int = 64 << 20) {
        self.expressionLimits = expressionLimits
        self.maximumNestingDepth = maximumNestingDepth
        self.maximumInflatedSize = maximumInflatedSize
    }
}
