import BigInt

/// Prints an ``Expression`` in the infix syntax. Output is readable (`x - 2*y`, `a/b**2`,
/// `1/2*duration`, `exp(I*angle)`) and is chosen so that ``InfixParser`` reads it back as the
/// identical tree: wherever sugar would change the structure, the printer falls back to
/// parentheses or explicit forms (`Add(x)`, `complex(1, 2)`, `float("nan")`).
enum InfixPrinter {
    /// Binding strength of a printed form, loosest first.
    enum Level: Int, Comparable {
        case or, and, not, relation, sum, product, unary, power, atom
        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    static func print(_ expression: Expression) -> String {
        var out = ""
        write(expression, at: .or, into: &out)
        return out
    }

    /// The loosest level at which `expression`'s own printed form can stand without parentheses.
    static func naturalLevel(_ expression: Expression) -> Level {
        switch expression {
        case .number(let number):
            switch number {
            case .rational(let num, let den): return isCanonicalRational(num, den) ? .product : .atom
            case .float(let value) where !value.isFinite: return .atom
            case .decimalFloat: return .atom
            default: return number.isNegative ? .unary : .atom
            }
        case .constant(.negativeInfinity): return .unary
        case .complex, .constant, .boolean, .symbol, .function, .xor, .piecewise: return .atom
        case .add(let args): return args.count >= 2 ? .sum : .atom
        case .mul(let args):
            if args.count < 2 { return .atom }
            return args.count == 2 && args[0] == .integer(-1) ? .unary : .product
        case .pow: return .power
        case .relation: return .relation
        case .and(let args): return args.count >= 2 ? .and : .atom
        case .or(let args): return args.count >= 2 ? .or : .atom
        case .not: return .not
        }
    }

    /// Writes `expression` so that it parses at `level`, adding parentheses if needed.
    static func write(_ expression: Expression, at level: Level, into out: inout String) {
        if naturalLevel(expression) < level {
            out += "("
            writeBare(expression, into: &out)
            out += ")"
        } else {
            writeBare(expression, into: &out)
        }
    }

    private static func parenthesized(_ expression: Expression, into out: inout String) {
        out += "("
        writeBare(expression, into: &out)
        out += ")"
    }

    /// Writes the node's own form, without outer parentheses.
    private static func writeBare(_ expression: Expression, into out: inout String) {
        switch expression {
        case .number(let number): writeNumber(number, into: &out)
        case .complex(let real, let imaginary):
            out += "complex("
            writeNumber(real, into: &out)
            out += ", "
            writeNumber(imaginary, into: &out)
            out += ")"
        case .constant(let constant): out += constant.name
        case .boolean(let value): out += value ? "true" : "false"
        case .symbol(let name): writeSymbol(name, into: &out)
        case .add(let terms):
            if terms.count < 2 { call("Add", terms, into: &out) } else { writeSum(terms, into: &out) }
        case .mul(let factors):
            if factors.count < 2 { call("Mul", factors, into: &out) } else { writeProduct(factors, into: &out) }
        case .pow(let base, let exponent):
            write(base, at: .atom, into: &out)
            out += "**"
            writeUnaryOperand(exponent, into: &out)
        case .function(let function, let args): call(function.name, args, into: &out)
        case .relation(let relation, let lhs, let rhs):
            write(lhs, at: .sum, into: &out)
            out += " \(relation.infixOperator) "
            write(rhs, at: .sum, into: &out)
        case .and(let args):
            if args.count < 2 { call("And", args, into: &out); return }
            for (index, arg) in args.enumerated() {
                if index > 0 { out += " and " }
                write(arg, at: .not, into: &out)
            }
        case .or(let args):
            if args.count < 2 { call("Or", args, into: &out); return }
            for (index, arg) in args.enumerated() {
                if index > 0 { out += " or " }
                write(arg, at: .and, into: &out)
            }
        case .xor(let args): call("Xor", args, into: &out)
        case .not(let arg):
            out += "not "
            write(arg, at: .not, into: &out)
        case .piecewise(let branches):
            out += "piecewise("
            for (index, branch) in branches.enumerated() {
                if index > 0 { out += ", " }
                write(branch.value, at: .or, into: &out)
                out += " if "
                write(branch.condition, at: .or, into: &out)
            }
            out += ")"
        }
    }

    private static func call(_ name: String, _ args: [Expression], into out: inout String) {
        out += name + "("
        for (index, arg) in args.enumerated() {
            if index > 0 { out += ", " }
            write(arg, at: .or, into: &out)
        }
        out += ")"
    }

    // MARK: - Leaves

    private static let reservedNames: Set<String> = Set(MathConstant.allCases.map(\.name))
        .union(["true", "false", "and", "or", "not", "if"])

    private static func writeSymbol(_ name: String, into out: inout String) {
        if isPlainName(name) {
            out += name
            return
        }
        out += "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Whether the lexer reads `name` back as one identifier token naming a symbol.
    static func isPlainName(_ name: String) -> Bool {
        guard !reservedNames.contains(name) else { return false }
        if let plain = isPlainASCIIName(name) { return plain }
        var scalars = Array(name.unicodeScalars)
        // Allow a trailing `[digits]` (ParameterVector elements).
        if scalars.last == "]", let open = scalars.lastIndex(of: "["), open > 0, open + 1 < scalars.count - 1,
           scalars[(open + 1)..<(scalars.count - 1)].allSatisfy({ ("0"..."9").contains($0) }) {
            scalars.removeSubrange(open...)
        }
        guard let first = scalars.first, first.properties.isXIDStart || first == "_" else { return false }
        return scalars.dropFirst().allSatisfy { $0.properties.isXIDContinue }
    }

    /// ``isPlainName(_:)`` for an ASCII name (the usual case), read as bytes: ASCII letters are
    /// the only ASCII identifier starts, and letters, digits and `_` the only continuations;
    /// `nil` when the name is not ASCII.
    private static func isPlainASCIIName(_ name: String) -> Bool? {
        var name = name
        return name.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var end = bytes.count
            if end > 0, bytes[end - 1] == UInt8(ascii: "]"), let open = bytes.lastIndex(of: UInt8(ascii: "[")), open > 0, open + 1 < end - 1,
               bytes[(open + 1)..<(end - 1)].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
                end = open
            }
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            guard end > 0, isLetter(bytes[0]) || bytes[0] == UInt8(ascii: "_") else { return false }
            return bytes[1..<end].allSatisfy { isLetter($0) || $0 == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
    }

    static func writeNumber(_ number: Number, into out: inout String) {
        switch number {
        case .integer(let value): out += String(value)
        case .rational(let num, let den):
            out += isCanonicalRational(num, den) ? "\(num)/\(den)" : "Rational(\(num), \(den))"
        case .float(let value): writeFloat(value, into: &out)
        case .decimalFloat(let text, let precision): out += "Float(\"\(text)\", \(precision))"
        }
    }

    private static func writeFloat(_ value: Double, into out: inout String) {
        if value.isFinite {
            out += value.description
        } else if value == .infinity {
            out += "float(\"inf\")"
        } else if value == -.infinity {
            out += "float(\"-inf\")"
        } else if value.bitPattern == Double.nan.bitPattern {
            out += "float(\"nan\")"
        } else {
            let hex = String(value.bitPattern, radix: 16)
            out += "float(\"0x" + String(repeating: "0", count: 16 - hex.count) + hex + "\")"
        }
    }

    /// Whether `num/den` reads back as this rational (reduced, denominator > 1).
    static func isCanonicalRational(_ num: BigInt, _ den: BigInt) -> Bool {
        den > 1 && num.greatestCommonDivisor(with: den) == 1
    }

    // MARK: - Sums

    private static func writeSum(_ terms: [Expression], into out: inout String) {
        write(terms[0], at: .product, into: &out)
        for term in terms.dropFirst() {
            if let negated = negatedTerm(term) {
                out += " - "
                out += negated
            } else {
                out += " + "
                write(term, at: .product, into: &out)
            }
        }
    }

    /// The text `s` such that `x - s` parses back to `term` as the next summand, or `nil` when
    /// `term` should be written with `+`.
    private static func negatedTerm(_ term: Expression) -> String? {
        var out = ""
        switch term {
        case .number(let number) where number.isNegative && naturalLevel(term) != .atom:
            writeNumber(number.negated, into: &out)
            return out
        case .constant(.negativeInfinity):
            return "oo"
        case .mul(let factors) where factors.count >= 2:
            guard case .number(let first) = factors[0], first.isNegative,
                  naturalLevel(.number(first)) != .atom else { return nil }
            if first == .integer(-1) {
                let rest = Array(factors.dropFirst())
                if rest.count == 1 {
                    // `x - y` reads as Mul(-1, y) only when y is not a literal, chain or negation.
                    if [.power, .atom].contains(naturalLevel(rest[0])) && !isLiteral(rest[0]) {
                        writeBare(rest[0], into: &out)
                    } else {
                        parenthesized(rest[0], into: &out)
                    }
                } else {
                    writeChain(rest, leadingMustBeNonLiteral: true, into: &out)
                }
            } else {
                writeChain([.number(first.negated)] + factors.dropFirst(), leadingMustBeNonLiteral: false, into: &out)
            }
            return out
        default:
            return nil
        }
    }

    /// Whether `expression` prints as something the parser treats as a literal.
    private static func isLiteral(_ expression: Expression) -> Bool {
        switch expression {
        case .number(.float(let value)): return value.isFinite
        case .number(.rational(let num, let den)): return isCanonicalRational(num, den)
        case .number(.decimalFloat): return false
        case .number: return true
        case .constant(.infinity), .constant(.negativeInfinity): return true
        default: return false
        }
    }

    // MARK: - Products

    private static func writeProduct(_ factors: [Expression], into out: inout String) {
        if factors[0] == .integer(-1) {
            out += "-"
            let rest = Array(factors.dropFirst())
            if rest.count == 1 {
                let operand = rest[0]
                if naturalLevel(operand) >= .power && !isLiteral(operand) {
                    writeBare(operand, into: &out)
                } else {
                    parenthesized(operand, into: &out)
                }
            } else {
                writeChain(rest, leadingMustBeNonLiteral: true, into: &out)
            }
            return
        }
        writeChain(factors, leadingMustBeNonLiteral: false, into: &out)
    }

    /// Writes factors joined by `*` and `/` sugar. With `leadingMustBeNonLiteral`, the first factor
    /// is written so that the parser does not take it for a literal (it follows a `-`).
    private static func writeChain(_ factors: [Expression], leadingMustBeNonLiteral: Bool, into out: inout String) {
        let first = factors[0]
        var previousIsIntegerLiteral = false
        if leadingMustBeNonLiteral {
            if naturalLevel(first) >= .power && !isLiteral(first) {
                writeBare(first, into: &out)
            } else {
                parenthesized(first, into: &out)
            }
        } else if case .number(let number) = first {
            // Literals stand unparenthesized at the head of a chain, rationals and negatives included.
            writeNumber(number, into: &out)
            if case .integer = number { previousIsIntegerLiteral = true }
        } else if naturalLevel(first) >= .power || first == .constant(.negativeInfinity) {
            writeBare(first, into: &out)
        } else {
            parenthesized(first, into: &out)
        }

        for (index, factor) in factors.enumerated().dropFirst() {
            var isIntegerLiteral = false
            if case .pow(let base, .number(.integer(let exponent))) = factor, exponent < 0 {
                if exponent == -1 {
                    if case .number(.integer(let denominator)) = base, denominator > 1, previousIsIntegerLiteral,
                       case .number(.integer(let numerator)) = factors[index - 1],
                       numerator.greatestCommonDivisor(with: denominator) == 1 {
                        // `2/3` would read as a rational literal.
                        out += "*"
                        writeFactorOperand(factor, into: &out)
                    } else {
                        out += "/"
                        writeDivisor(base, into: &out)
                    }
                } else {
                    out += "/"
                    write(base, at: .atom, into: &out)
                    out += "**\(-exponent)"
                }
            } else {
                out += "*"
                writeFactorOperand(factor, into: &out)
                if case .number(.integer(let value)) = factor, value >= 0 { isIntegerLiteral = true }
            }
            previousIsIntegerLiteral = isIntegerLiteral
        }
    }

    /// A factor after `*`: unary-level, but negatives, negations and rationals in parentheses.
    private static func writeFactorOperand(_ factor: Expression, into out: inout String) {
        if naturalLevel(factor) >= .power {
            writeBare(factor, into: &out)
        } else {
            parenthesized(factor, into: &out)
        }
    }

    /// The operand after `/`: any power is parenthesized, since `/b**2` means `b**-2`.
    private static func writeDivisor(_ base: Expression, into out: inout String) {
        if naturalLevel(base) == .atom {
            writeBare(base, into: &out)
        } else {
            parenthesized(base, into: &out)
        }
    }

    /// An exponent or other unary-level operand.
    private static func writeUnaryOperand(_ operand: Expression, into out: inout String) {
        switch naturalLevel(operand) {
        case .unary:
            if case .mul(let factors) = operand {
                // `-y`: y must itself read back as a non-literal power or atom.
                out += "-"
                let inner = factors[1]
                if naturalLevel(inner) >= .power && !isLiteral(inner) {
                    writeBare(inner, into: &out)
                } else {
                    parenthesized(inner, into: &out)
                }
            } else {
                writeBare(operand, into: &out)
            }
        case .power, .atom:
            writeBare(operand, into: &out)
        default:
            parenthesized(operand, into: &out)
        }
    }
}
