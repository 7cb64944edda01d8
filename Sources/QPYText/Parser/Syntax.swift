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
    case circuit(CircuitSyntax)
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
    /// Only a call is boxed: the other payloads are small, so values are not a heap object each.
    enum Kind {
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
        indirect case call(NameSyntax, [ArgumentSyntax])
        /// A channel written as `d0`, `u12`, `mem3`, …
        case channel(ChannelKind, Int64)
    }

    var kind: Kind
    var range: SourceRange
    var attributes: AttributesSyntax?
}

// MARK: - Circuits

/// `circuit NAME, qubits=N, clbits=M [@qpy(…)] { … }`.
struct CircuitSyntax {
    var keywordRange: SourceRange
    var name: NameSyntax
    var arguments: [ArgumentSyntax]
    var attributes: AttributesSyntax?
    var body: [Statement<CircuitStatement>]
    var endTrivia: [TriviaItem]
    var openRange: SourceRange
}

enum CircuitStatement {
    case metadata(JSONValue, SourceRange)
    case globalPhase(ValueSyntax)
    case register(RegisterSyntax)
    case variable(VariableSyntax)
    case namespace(NameSyntax, ValueSyntax)
    case definition(DefinitionSyntax)
    case operation(OperationSyntax)
    case calibration(CalibrationSyntax)
    case layout(LayoutSyntax)
}

/// `qreg q[2] [= [indices]] [, standalone=false] [, in_circuit=false] [@qpy(attachment=N)]`.
struct RegisterSyntax {
    var kind: BitKind
    var keywordRange: SourceRange
    var name: NameSyntax
    var size: Int
    var sizeRange: SourceRange
    var indices: [Int64]?
    var indicesRange: SourceRange?
    var standalone: Bool
    var inCircuit: Bool
    var attributes: AttributesSyntax?
}

/// `input var a: uint[8] = <uuid>`, `stretch s`, …
struct VariableSyntax {
    var usage: UInt8
    var name: NameSyntax
    var type: ClassicalType?
    var uuid: ParameterUUID?
    var attributes: AttributesSyntax?
}

/// `gate NAME[, qubits=N][, clbits=M][, ctrl=(n, s)][, base=(operation)] = circuit … | None | PauliEvolution(…)`.
struct DefinitionSyntax {
    var kind: UInt8
    var keywordRange: SourceRange
    var name: NameSyntax
    var qubits: UInt32?
    var clbits: UInt32?
    var control: (UInt32, UInt32)?
    var base: OperationSyntax?
    var body: DefinitionBodySyntax
}

enum DefinitionBodySyntax {
    case none
    case circuit(CircuitSyntax)
    case pauliEvolution(ValueSyntax)
}

/// A bit: `q[0]` (by register) or `$3` (by circuit index).
struct BitSyntax {
    var register: String?
    var index: Int
    var range: SourceRange
}

/// One instruction: `name(params) qubits -> clbits, options @qpy(…)`.
struct OperationSyntax {
    var name: NameSyntax
    var parameters: [ParameterSyntax]
    var qubits: [BitSyntax]
    var clbits: [BitSyntax]
    var counts: (UInt32, UInt32)?
    var label: String?
    var legacyCondition: (TargetSyntax, Int64)?
    var condition: ClassicalSyntax?
    var control: (UInt32, UInt32)?
    var annotations: [InstructionAnnotation]
}

indirect enum ParameterSyntax {
    case value(ValueSyntax)
    case tuple([ParameterSyntax])
    case range(Int64, Int64, Int64)
    case circuit(CircuitSyntax)
    case numpy([UInt8])
    case target(TargetSyntax)
    case caseDefault
    case classical(ClassicalSyntax)
    case modifier(Modifier)
    case bool(Bool)
}

/// A legacy condition or `switch` target: a register by name or a clbit.
enum TargetSyntax {
    /// `explicit`: written `register("name")`, which may name a register the circuit does not list.
    case register(String, SourceRange, explicit: Bool)
    case bit(BitSyntax)
}

/// A classical expression as written; the decoder types it.
indirect enum ClassicalSyntax {
    case name(String, SourceRange)
    case bit(BitSyntax)
    case register(String, SourceRange)
    case variable(UInt16, SourceRange)
    case stretch(String?, UInt16?, SourceRange)
    case bool(Bool, SourceRange)
    case integer([UInt8], SourceRange)
    case float(Double, SourceRange)
    case duration(Duration, SourceRange)
    case unary(UInt8, ClassicalSyntax, SourceRange)
    case binary(UInt8, ClassicalSyntax, ClassicalSyntax, SourceRange)
    case cast(ClassicalType, implicit: Bool, ClassicalSyntax, SourceRange)
    case index(ClassicalSyntax, ClassicalSyntax, SourceRange)
    case annotated(ClassicalSyntax, ClassicalType, SourceRange)

    var range: SourceRange {
        switch self {
        case .name(_, let range), .register(_, let range), .variable(_, let range), .stretch(_, _, let range), .bool(_, let range),
             .integer(_, let range), .float(_, let range), .duration(_, let range), .unary(_, _, let range), .binary(_, _, _, let range),
             .cast(_, _, _, let range), .index(_, _, let range), .annotated(_, _, let range):
            return range
        case .bit(let bit): return bit.range
        }
    }
}

/// `calibration NAME[(params)] q, … = schedule …`.
struct CalibrationSyntax {
    var gate: NameSyntax
    var parameters: [ValueSyntax]
    var qubits: [Int64]
    var block: BlockSyntax
}

/// `layout initial=[…], input=[…], final=[…], input_qubit_count=N, extra=qreg …`.
struct LayoutSyntax {
    var initial: [LayoutBit?]?
    var input: [UInt32]?
    var final: [UInt32]?
    var inputQubitCount: Int32?
    var extra: [RegisterSyntax]
}
