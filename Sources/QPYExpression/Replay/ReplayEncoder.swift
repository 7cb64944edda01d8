import ComplexModule
import BigInt
import QPYDiagnostics

/// A program or tree that cannot be written as replay records.
public struct ReplayEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What could not be encoded, naming the record or node.
    public var reason: String

    /// An error with this reason.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

extension ReplayProgram {
    /// The payload bytes: each record (35 bytes), each substitution record followed by its MAPPING.
    /// Decoding and re-encoding gives back the same bytes.
    public func bytes() throws(ReplayEncodingError) -> [UInt8] {
        var writer = ByteWriter(capacity: records.count * Self.recordSize)
        for (index, record) in records.enumerated() {
            writer.append(record.opcode.rawValue)
            for (operand, raw, side) in [(record.lhs, record.lhsRawData, "lhs"), (record.rhs, record.rhsRawData, "rhs")] {
                writer.append(UInt8(ascii: operand.typeCode.unicodeScalars.first ?? "n"))
                if let raw {
                    guard raw.count == 16 else {
                        throw ReplayEncodingError("record \(index): \(side) raw data has \(raw.count) bytes, not 16")
                    }
                    writer.append(contentsOf: raw)
                } else {
                    writer.append(contentsOf: operand.canonicalData)
                }
            }
            if case .substitution = record.rhs {
                throw ReplayEncodingError("record \(index): a substitution operand is only valid on the lhs")
            }
            switch (record.lhs, record.substitution) {
            case (.substitution(let length), let mapping?):
                guard UInt64(mapping.count) == length else {
                    throw ReplayEncodingError("record \(index): substitution length \(length) does not match its \(mapping.count) MAPPING bytes")
                }
                writer.append(contentsOf: mapping)
            case (.substitution, nil):
                throw ReplayEncodingError("record \(index): substitution record without its MAPPING bytes")
            case (_, _?):
                throw ReplayEncodingError("record \(index): MAPPING bytes on a record whose lhs is not a substitution")
            case (_, nil):
                break
            }
        }
        return writer.bytes
    }

    /// The program Qiskit 2.2+'s Rust writer would make for this tree ("variant B", §4.c): a
    /// post-order flattening with no markers and no substitutions. Sums and products become chains
    /// of ADD/MUL, `a + (-1)*b` becomes SUB, `a * b**-1` DIV; a leaf left operand of SUB/DIV/POW
    /// facing a sub-tree (or any number on the left) turns the op into RSUB/RDIV/RPOW.
    /// - Parameter symbols: the UUID of every symbol name in the tree.
    /// - Throws: ``ReplayEncodingError`` naming the first node replay cannot express (relations,
    ///   piecewise, constants such as `pi`, functions other than the eleven Qiskit has, integers
    ///   beyond 64 bits, unknown symbols, two symbols with one UUID).
    public init(expression: Expression, symbols: [String: ParameterUUID]) throws(ReplayEncodingError) {
        var encoder = ReplayTreeEncoder(symbols: symbols)
        let root = try encoder.emit(expression, depth: 0)
        switch root {
        case .parameter:
            encoder.records.append(ReplayRecord(opcode: .add, lhs: root, rhs: .integer(0)))
        case .integer:
            encoder.records.append(ReplayRecord(opcode: .add, lhs: root, rhs: .integer(0)))
        case .float:
            encoder.records.append(ReplayRecord(opcode: .add, lhs: root, rhs: .float(-0.0)))
        case .complex:
            encoder.records.append(ReplayRecord(opcode: .add, lhs: root, rhs: .complex(real: -0.0, imaginary: -0.0)))
        default:
            break
        }
        self.init(records: encoder.records)
    }
}

/// Post-order emission of a tree as replay records.
private struct ReplayTreeEncoder {
    let symbols: [String: ParameterUUID]
    var records: [ReplayRecord] = []
    /// The symbol each UUID met so far stands for.
    private var namesByUUID: [ParameterUUID: String] = [:]

    init(symbols: [String: ParameterUUID]) { self.symbols = symbols }

    /// Emits the records of `expression` and returns its operand: a literal or parameter for a
    /// leaf, `.none` for a sub-tree (its value is then on the stack).
    mutating func emit(_ expression: Expression, depth: Int) throws(ReplayEncodingError) -> ReplayOperand {
        guard depth < SymengineEncoder.maximumDepth else {
            throw ReplayEncodingError("expression nested deeper than \(SymengineEncoder.maximumDepth) levels")
        }
        switch expression {
        case .symbol(let name):
            guard let uuid = symbols[name] else { throw ReplayEncodingError("symbol '\(name)' has no Parameter UUID") }
            // An operand names its parameter by UUID alone: two names with one UUID would read
            // back as one parameter.
            if let other = namesByUUID.updateValue(name, forKey: uuid), other != name {
                throw ReplayEncodingError("symbols '\(min(other, name))' and '\(max(other, name))' share the UUID \(uuid), and a replay program names a parameter by its UUID alone")
            }
            return .parameter(uuid)
        case .number(.integer(let value)):
            guard let small = Int64(exactly: value) else {
                throw ReplayEncodingError("integer \(value) does not fit in the 64 bits of a replay operand")
            }
            return .integer(small)
        case .number(.rational(let num, let den)):
            return try binary(.div, .number(.integer(num)), .number(.integer(den)), depth: depth)
        case .number(let number):
            return .float(number.doubleValue)
        case .complex(let real, let imaginary):
            return .complex(real: real.doubleValue, imaginary: imaginary.doubleValue)
        case .constant(.imaginaryUnit):
            return .complex(real: 0, imaginary: 1)
        case .add(let arguments):
            guard let first = arguments.first else { return .integer(0) }
            var accumulated = try emit(first, depth: depth + 1)
            for argument in arguments.dropFirst() {
                if case .mul(let factors) = argument, factors.count >= 2, factors[0] == .integer(-1) {
                    let rest: Expression = factors.count == 2 ? factors[1] : .mul(Array(factors.dropFirst()))
                    accumulated = record(.sub, accumulated, try emit(rest, depth: depth + 1))
                } else {
                    accumulated = record(.add, accumulated, try emit(argument, depth: depth + 1))
                }
            }
            return accumulated
        case .mul(let arguments):
            guard let first = arguments.first else { return .integer(1) }
            var accumulated = try emit(first, depth: depth + 1)
            for argument in arguments.dropFirst() {
                if case .pow(let base, .number(.integer(-1))) = argument {
                    accumulated = record(.div, accumulated, try emit(base, depth: depth + 1))
                } else {
                    accumulated = record(.mul, accumulated, try emit(argument, depth: depth + 1))
                }
            }
            return accumulated
        case .pow(let base, let exponent):
            return try binary(.pow, base, exponent, depth: depth)
        case .function(let function, let arguments):
            guard let opcode = Self.unary[function], arguments.count == 1 else {
                throw ReplayEncodingError("replay cannot express \(SymengineCanonicalizer.describe(expression)) (only sin, cos, tan, asin, acos, atan, exp, log, sign, conjugate, Abs)")
            }
            let operand = try emit(arguments[0], depth: depth + 1)
            records.append(ReplayRecord(opcode: opcode, lhs: operand, rhs: .none))
            return .none
        case .constant, .boolean, .relation, .and, .or, .xor, .not, .piecewise:
            throw ReplayEncodingError("replay cannot express \(SymengineCanonicalizer.describe(expression))")
        }
    }

    private static let unary: [MathFunction: ReplayOpcode] = [
        .sin: .sin, .cos: .cos, .tan: .tan, .asin: .asin, .acos: .acos, .atan: .atan,
        .exp: .exp, .log: .log, .sign: .sign, .conjugate: .conjugate, .abs: .abs,
    ]

    private mutating func binary(_ opcode: ReplayOpcode, _ lhs: Expression, _ rhs: Expression, depth: Int) throws(ReplayEncodingError) -> ReplayOperand {
        let a = try emit(lhs, depth: depth + 1)
        return record(opcode, a, try emit(rhs, depth: depth + 1))
    }

    /// Appends `a op b` (operands already emitted, `a`'s records first) and returns `.none`.
    /// As in Qiskit's writer, SUB/DIV/POW become RSUB/RDIV/RPOW with swapped operands when the left
    /// operand is a number, or a parameter facing a sub-tree, so that old readers (which pop the
    /// stack in the other order) also get it right.
    private mutating func record(_ opcode: ReplayOpcode, _ a: ReplayOperand, _ b: ReplayOperand) -> ReplayOperand {
        if let folded = Self.foldMixedLiterals(opcode, a, b) { return folded }
        let reflected: ReplayOpcode? = switch opcode {
        case .sub: .rsub
        case .div: .rdiv
        case .pow: .rpow
        default: nil
        }
        let leftIsParameter = if case .parameter = a { true } else { false }
        let rightIsTree = if case .none = b { true } else { false }
        if let reflected, a.isNumberLiteral || (leftIsParameter && rightIsTree) {
            records.append(ReplayRecord(opcode: reflected, lhs: b, rhs: a))
        } else {
            records.append(ReplayRecord(opcode: opcode, lhs: a, rhs: b))
        }
        return .none
    }
}

extension ReplayTreeEncoder {
    /// Two literals of different Python types (`-1 * 1.0`) cannot be a record: Qiskit 1.3/1.4
    /// readers call `int.__mul__(float)`, which answers NotImplemented. Such a pair is computed
    /// here, in the wider type, as Python would.
    fileprivate static func foldMixedLiterals(_ opcode: ReplayOpcode, _ a: ReplayOperand, _ b: ReplayOperand) -> ReplayOperand? {
        guard let rankA = a.literalRank, let rankB = b.literalRank, rankA != rankB,
              let x = a.complexValue, let y = b.complexValue else { return nil }
        let result: Complex<Double>
        switch opcode {
        case .add: result = x + y
        case .sub: result = x - y
        case .mul: result = x * y
        case .div: result = x / y
        default: return nil
        }
        return max(rankA, rankB) == 2 ? .complex(real: result.real, imaginary: result.imaginary) : .float(result.real)
    }
}

extension ReplayOperand {
    /// 0 for an integer, 1 for a float, 2 for a complex literal.
    fileprivate var literalRank: Int? {
        switch self {
        case .integer: return 0
        case .float: return 1
        case .complex: return 2
        default: return nil
        }
    }

    fileprivate var complexValue: Complex<Double>? {
        switch self {
        case .integer(let value): return Complex(Double(value))
        case .float(let value): return Complex(value)
        case .complex(let real, let imaginary): return Complex(real, imaginary)
        default: return nil
        }
    }

    fileprivate var isNumberLiteral: Bool {
        switch self {
        case .integer, .float, .complex: return true
        default: return false
        }
    }
}
