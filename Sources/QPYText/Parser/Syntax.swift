import QPYExpression
import QPYModel

/// The syntax tree of a `.qpyasm` file: what the text says, with byte positions and comments,
/// before any name is resolved. ``TextDecoder`` turns it into the IR.

/// A byte range of the source.
struct SourceRange: Hashable, Sendable {
    var start: Int
    var end: Int
}

/// A comment or blank line kept through text → text.
enum TriviaItem: Hashable, Sendable {
    case blankLine
    /// The comment text after `#`, without trailing spaces.
    case comment(String)
}

/// A statement with the comments and blank lines before it and the comment after it on its line.
struct Statement<Node> {
    var leading: [TriviaItem]
    var node: Node
    var trailing: String?
    var range: SourceRange
}

struct SyntaxFile {
    var leading: [TriviaItem]
    var formatVersion: Int
    var formatVersionRange: SourceRange
    var versionTrailing: String?
    var statements: [Statement<TopStatement>]
    var endTrivia: [TriviaItem]
}

enum TopStatement {
    case header(HeaderSyntax)
    case parameter(ParameterDeclSyntax)
    case vector(VectorDeclSyntax)
    case envelope(EnvelopeDeclSyntax)
    case waveform(WaveformDeclSyntax)
    case schedule(BlockSyntax)
}

/// A name: an identifier or a string literal.
struct NameSyntax {
    var text: String
    var range: SourceRange
    var isQuoted: Bool
}

/// `qpy 13 qiskit="1.4.6" symbolic=symengine symengine="0.11"`.
struct HeaderSyntax {
    var version: Int
    var versionRange: SourceRange
    var items: [ArgumentSyntax]
}

/// `param amp = <uuid>, name="real name"`.
struct ParameterDeclSyntax {
    var name: NameSyntax
    var uuid: (value: ParameterUUID, range: SourceRange)?
    var realName: NameSyntax?
}

/// `vector w[2], name="real name"`.
struct VectorDeclSyntax {
    var name: NameSyntax
    var length: UInt64
    var lengthRange: SourceRange
    var realName: NameSyntax?
}

/// `envelope name = <infix>`.
struct EnvelopeDeclSyntax {
    var name: NameSyntax
    var expression: ValueSyntax
}

/// `waveform name = Waveform([...], ...)`.
struct WaveformDeclSyntax {
    var name: NameSyntax
    var pulse: ValueSyntax
}

/// `schedule NAME [alignment] [@qpy(...)] { ... }` or a nested `block ...`.
struct BlockSyntax {
    var keywordRange: SourceRange
    var name: NameSyntax
    var alignment: AlignmentSyntax?
    var attributes: AttributesSyntax?
    var body: [Statement<BodyStatement>]
    var endTrivia: [TriviaItem]
    var openRange: SourceRange
}

enum AlignmentSyntax {
    /// `left`, `right`, `sequential`.
    case keyword(AlignmentKind, SourceRange)
    /// `equispaced(duration)`.
    case equispaced(ValueSyntax, SourceRange)
    /// `align("x", parameters…)`: the key byte and the parameters.
    case general(key: UInt8, parameters: [ValueSyntax], SourceRange)
}

enum BodyStatement {
    case metadata(JSONValue, SourceRange)
    case instruction(InstructionSyntax)
    case block(BlockSyntax)
    case assign(AssignSyntax)
}

/// `assign k1, k2 = schedule …` or `assign k1, k2 = None`.
struct AssignSyntax {
    var keys: [NameSyntax]
    /// `nil` for `None` (an unassigned reference).
    var block: BlockSyntax?
}

struct InstructionSyntax {
    var kind: PulseInstructionKind
    var keywordRange: SourceRange
    /// The arguments in order (positional ones have no label).
    var arguments: [ArgumentSyntax]
    /// The typed operand list of the `operands(...)` form, when used.
    var typedOperands: [(tag: String, operand: ValueSyntax, range: SourceRange)]?
}

/// A positional or keyword argument.
struct ArgumentSyntax {
    var label: NameSyntax?
    var value: ValueSyntax
}

/// `@qpy(key=value, …)`.
struct AttributesSyntax {
    var items: [ArgumentSyntax]
    var range: SourceRange
}

/// A value as written. What it means depends on where it stands (the decoder decides).
struct ValueSyntax {
    indirect enum Kind {
        /// `None`.
        case none
        /// A string literal on its own.
        case string(String)
        /// A lone number literal with an optional leading `-` (the text as written).
        case number(String)
        /// A complex literal: `re+imj`, `imj`, or `complex(re, im)` with float words.
        case complex(Double, Double)
        /// Infix expression text (or a word such as `d0`, `true`, `NaN`); `textStart` is the byte
        /// offset of the text in the source.
        case infix(String)
        /// `expr(<infix>)`: always a ParameterExpression.
        case forcedExpression(String, textStart: Int)
        /// `[a, b, …]`.
        case list([ValueSyntax])
        /// `{"key": value, …}`.
        case dictionary([(key: String, range: SourceRange, value: ValueSyntax)])
        /// `Name(arguments)`: a pulse, kernel, discriminator, channel or storage entry.
        case call(NameSyntax, [ArgumentSyntax])
        /// A channel written as `d0`, `u12`, `mem3`, …
        case channel(ChannelKind, Int64)
    }

    var kind: Kind
    var range: SourceRange
    var attributes: AttributesSyntax?
}
