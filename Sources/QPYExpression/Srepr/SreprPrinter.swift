import BigInt

/// Prints an ``Expression`` as sympy's `srepr` prints the same tree, character for character.
struct SreprPrinter {
    private(set) var output = ""

    mutating func print(_ expression: Expression) {
        switch expression {
        case .number(let number): printNumber(number)
        case .complex(let real, let imaginary): printComplex(real, imaginary)
        case .constant(let constant): output += constant.name
        case .boolean(let value): output += value ? "true" : "false"
        case .symbol(let name): output += "Symbol(" + PythonStringLiteral.repr(name) + ")"
        case .add(let args): call("Add", args)
        case .mul(let args): call("Mul", args)
        case .pow(let base, let exponent): call("Pow", [base, exponent])
        case .function(let function, let args): call(function.name, args)
        case .relation(let relation, let lhs, let rhs): call(relation.sympyName, [lhs, rhs])
        case .and(let args): call("And", args)
        case .or(let args): call("Or", args)
        case .xor(let args): call("Xor", args)
        case .not(let arg): call("Not", [arg])
        case .piecewise(let branches):
            output += "Piecewise("
            for (index, branch) in branches.enumerated() {
                if index > 0 { output += ", " }
                call("ExprCondPair", [branch.value, branch.condition])
            }
            output += ")"
        }
    }

    private mutating func call(_ name: String, _ args: [Expression]) {
        output += name + "("
        for (index, arg) in args.enumerated() {
            if index > 0 { output += ", " }
            print(arg)
        }
        output += ")"
    }

    private mutating func printNumber(_ number: Number) {
        switch number {
        case .integer(let value): output += "Integer(\(value))"
        case .rational(let num, let den): output += "Rational(\(num), \(den))"
        case .float(let value): output += "Float('" + MpmathFloatFormat.string(value) + "', precision=53)"
        case .decimalFloat(let text, let precision): output += "Float(\(PythonStringLiteral.repr(text)), precision=\(precision))"
        }
    }

    /// A complex literal the way sympy builds it: `I`, `Mul(b, I)` or `Add(a, Mul(b, I))`.
    private mutating func printComplex(_ real: Number, _ imaginary: Number) {
        let unitTimesImaginary: Expression =
            imaginary == .integer(1) ? .constant(.imaginaryUnit) : .mul([.number(imaginary), .constant(.imaginaryUnit)])
        if real.isExact && real.isZero {
            print(unitTimesImaginary)
        } else {
            print(.add([.number(real), unitTimesImaginary]))
        }
    }
}
