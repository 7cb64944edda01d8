/// One token of `.qpyasm` text: its kind and the UTF-8 byte range it covers. Kept small (no
/// strings, 32-bit offsets): a long statement (a waveform's samples) is thousands of tokens.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        /// A Unicode identifier (`play`, `d0`, `θ`, `_x1`).
        case identifier
        /// A decimal number: digits, an optional fraction and exponent (`160`, `0.5`, `1e-07`).
        case number
        /// A number directly followed by `j`: the imaginary part of a complex literal (`0.5j`).
        case imaginary
        /// `0x` and hex digits (the bits of a NaN with a payload).
        case hex
        /// A UUID in its `8-4-4-4-12` hex form.
        case uuid
        /// A string literal in double quotes (JSON escapes).
        case string
        /// Punctuation or an operator (`(`, `,`, `=`, `**`, `<=`, …).
        case punctuation
        /// A `#` comment up to the end of the line.
        case comment
        /// The end of a line.
        case newline
        /// A malformed token; ``Lexer/problem(of:in:)`` says why.
        case invalid
        /// The end of the input.
        case end
    }

    // Offsets as 32 bits (the decoder refuses larger texts): 16 bytes a token.
    private var startOffset: UInt32
    private var endOffset: UInt32
    private var indentationCount: UInt32
    var kind: Kind
    /// Whether only whitespace precedes the token on its line.
    var isFirstOnLine: Bool
    /// For the first token of a line: whether the indentation contains a tab.
    var indentationHasTab: Bool

    /// Byte offset of the first byte.
    var start: Int { Int(startOffset) }
    /// Byte offset one past the last byte.
    var end: Int { Int(endOffset) }
    /// For the first token of a line: the number of indentation characters before it.
    var indentation: Int { Int(indentationCount) }

    /// Offsets are below ``Token/maximumOffset``.
    init(kind: Kind, start: Int, end: Int, isFirstOnLine: Bool = false, indentation: Int = 0, indentationHasTab: Bool = false) {
        self.kind = kind
        startOffset = UInt32(truncatingIfNeeded: start)
        endOffset = UInt32(truncatingIfNeeded: end)
        indentationCount = UInt32(truncatingIfNeeded: indentation)
        self.isFirstOnLine = isFirstOnLine
        self.indentationHasTab = indentationHasTab
    }

    /// The largest text a token can point into, in bytes.
    static let maximumOffset = Int(UInt32.max)
}
