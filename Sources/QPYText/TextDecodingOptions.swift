import QPYExpression

/// Options for reading `.qpyasm` text. The limits protect against hostile input.
public struct TextDecodingOptions: Sendable {
    /// The largest input accepted, in bytes (never more than 4 GiB - 1, whatever this says).
    public var maximumInputSize: Int
    /// The deepest nesting accepted: blocks inside blocks (and referenced subroutines), lists,
    /// dictionaries, calls and metadata JSON.
    public var maximumDepth: Int
    /// Limits on every expression in the text.
    public var expressionLimits: ExpressionLimits

    public init(maximumInputSize: Int = 64 << 20, maximumDepth: Int = 100, expressionLimits: ExpressionLimits = .default) {
        self.maximumInputSize = maximumInputSize
        self.maximumDepth = maximumDepth
        self.expressionLimits = expressionLimits
    }
}
