import ComplexModule
import RealModule

/// Evaluates expressions numerically in complex binary64 arithmetic, the way Qiskit's lambdified
/// pulse envelopes and bound ParameterExpressions do.
struct Evaluator {
    /// A value: a complex number, or the truth value of a condition.
    enum Value {
        case number(Complex<Double>)
        case truth(Bool)
    }

    let bindings: [String: Complex<Double>]

    func number(_ expression: Expression) throws(EvaluationError) -> Complex<Double> {
        switch try evaluate(expression) {
        case .number(let value): return value
        case .truth: throw EvaluationError("a condition was used where a number is needed: \(expression.infix)")
        }
    }

    func truth(_ expression: Expression) throws(EvaluationError) -> Bool {
        switch try evaluate(expression) {
        case .truth(let value): return value
        case .number: throw EvaluationError("a number was used where a condition is needed: \(expression.infix)")
        }
    }

    func evaluate(_ expression: Expression) throws(EvaluationError) -> Value {
        switch expression {
        case .number(let value): return .number(Complex(value.doubleValue))
        case .complex(let real, let imaginary): return .number(Complex(real.doubleValue, imaginary.doubleValue))
        case .constant(let constant): return .number(Self.value(of: constant))
        case .boolean(let value): return .truth(value)
        case .symbol(let name):
            guard let value = bindings[name] else { throw EvaluationError("symbol '\(name)' has no value") }
            return .number(value)
        case .add(let terms):
            var sum = Complex<Double>.zero
            for term in terms { sum += try number(term) }
            return .number(sum)
        case .mul(let factors):
            var product = Complex<Double>.one
            for factor in factors { product *= try number(factor) }
            return .number(product)
        case .pow(let base, let exponent):
            return .number(Self.power(try number(base), try number(exponent), exponentNode: exponent))
        case .function(let function, let args):
            return .number(try apply(function, try args.map { (arg) throws(EvaluationError) in try number(arg) }))
        case .relation(let relation, let lhs, let rhs):
            let a = try number(lhs)
            let b = try number(rhs)
            switch relation {
            case .lessThan: return .truth(a.real <= b.real)
            case .strictLessThan: return .truth(a.real < b.real)
            case .greaterThan: return .truth(a.real >= b.real)
            case .strictGreaterThan: return .truth(a.real > b.real)
            case .equality: return .truth(a == b)
            case .unequality: return .truth(a != b)
            }
        case .and(let args):
            for arg in args where !(try truth(arg)) { return .truth(false) }
            return .truth(true)
        case .or(let args):
            for arg in args where try truth(arg) { return .truth(true) }
            return .truth(false)
        case .xor(let args):
            var result = false
            for arg in args { result = result != (try truth(arg)) }
            return .truth(result)
        case .not(let arg): return .truth(!(try truth(arg)))
        case .piecewise(let branches):
            for branch in branches where try truth(branch.condition) { return try evaluate(branch.value) }
            return .number(Complex(.nan, 0))
        }
    }

    static func value(of constant: MathConstant) -> Complex<Double> {
        switch constant {
        case .pi: return Complex(.pi)
        case .e: return Complex(Double.exp(1))
        case .imaginaryUnit: return .i
        case .infinity: return Complex(.infinity)
        case .negativeInfinity: return Complex(-.infinity)
        case .complexInfinity: return .infinity
        case .nan: return Complex(.nan, 0)
        case .eulerGamma: return Complex(0.5772156649015329)
        case .goldenRatio: return Complex(1.618033988749895)
        case .catalan: return Complex(0.915965594177219)
        }
    }

    /// `base ** exponent`: real arithmetic when both are real and the result is real, repeated
    /// multiplication for integer exponents, the principal complex power otherwise.
    static func power(_ base: Complex<Double>, _ exponent: Complex<Double>, exponentNode: Expression) -> Complex<Double> {
        if exponent.imaginary == 0, case .number(.integer(let n)) = exponentNode, let small = Int(exactly: n), abs(small) <= 64 {
            if base.imaginary == 0 { return Complex(Double.pow(base.real, small)) }
            return Complex.pow(base, small)
        }
        if base.imaginary == 0, exponent.imaginary == 0, base.real >= 0 || exponent.real.rounded() == exponent.real {
            return Complex(Double.pow(base.real, exponent.real))
        }
        if base == .zero { return exponent.real > 0 ? .zero : .infinity }
        return Complex.exp(exponent * Complex.log(base))
    }

    private func apply(_ function: MathFunction, _ args: [Complex<Double>]) throws(EvaluationError) -> Complex<Double> {
        guard let z = args.first else { throw EvaluationError("\(function.name)() needs an argument") }
        let isReal = z.imaginary == 0
        let x = z.real
        switch function {
        case .exp: return isReal ? Complex(Double.exp(x)) : Complex.exp(z)
        case .log: return isReal && x > 0 ? Complex(Double.log(x)) : Complex.log(z)
        case .sqrt: return isReal && x >= 0 ? Complex(x.squareRoot()) : Complex.sqrt(z)
        case .sin: return isReal ? Complex(Double.sin(x)) : Complex.sin(z)
        case .cos: return isReal ? Complex(Double.cos(x)) : Complex.cos(z)
        case .tan: return isReal ? Complex(Double.tan(x)) : Complex.tan(z)
        case .cot: return isReal ? Complex(1 / Double.tan(x)) : 1 / Complex.tan(z)
        case .csc: return isReal ? Complex(1 / Double.sin(x)) : 1 / Complex.sin(z)
        case .sec: return isReal ? Complex(1 / Double.cos(x)) : 1 / Complex.cos(z)
        case .asin: return isReal && abs(x) <= 1 ? Complex(Double.asin(x)) : Complex.asin(z)
        case .acos: return isReal && abs(x) <= 1 ? Complex(Double.acos(x)) : Complex.acos(z)
        case .atan: return isReal ? Complex(Double.atan(x)) : Complex.atan(z)
        case .acot: return isReal ? Complex(Double.atan(1 / x)) : Complex.atan(1 / z)
        case .asec: return isReal && abs(x) >= 1 ? Complex(Double.acos(1 / x)) : Complex.acos(1 / z)
        case .acsc: return isReal && abs(x) >= 1 ? Complex(Double.asin(1 / x)) : Complex.asin(1 / z)
        case .sinh: return isReal ? Complex(Double.sinh(x)) : Complex.sinh(z)
        case .cosh: return isReal ? Complex(Double.cosh(x)) : Complex.cosh(z)
        case .tanh: return isReal ? Complex(Double.tanh(x)) : Complex.tanh(z)
        case .coth: return isReal ? Complex(1 / Double.tanh(x)) : 1 / Complex.tanh(z)
        case .csch: return isReal ? Complex(1 / Double.sinh(x)) : 1 / Complex.sinh(z)
        case .sech: return isReal ? Complex(1 / Double.cosh(x)) : 1 / Complex.cosh(z)
        case .asinh: return isReal ? Complex(Double.asinh(x)) : Complex.asinh(z)
        case .acosh: return isReal && x >= 1 ? Complex(Double.acosh(x)) : Complex.acosh(z)
        case .atanh: return isReal && abs(x) < 1 ? Complex(Double.atanh(x)) : Complex.atanh(z)
        case .acoth: return Complex.atanh(1 / z)
        case .acsch: return Complex.asinh(1 / z)
        case .asech: return Complex.acosh(1 / z)
        case .atan2: return Complex(Double.atan2(y: x, x: args[1].real))
        case .sign:
            if isReal { return Complex(x > 0 ? 1 : x < 0 ? -1 : 0) }
            return z / Complex(z.length)
        case .conjugate: return z.conjugate
        case .abs: return Complex(z.length)
        case .floor: return Complex(x.rounded(.down))
        case .ceiling: return Complex(x.rounded(.up))
        case .re: return Complex(x)
        case .im: return Complex(z.imaginary)
        case .arg: return Complex(Double.atan2(y: z.imaginary, x: x))
        case .max, .min:
            let reals = args.map(\.real)
            guard let result = function == .max ? reals.max() : reals.min() else {
                throw EvaluationError("\(function.name)() needs an argument")
            }
            return Complex(result)
        case .erf: return Complex(Double.erf(x))
        case .erfc: return Complex(Double.erfc(x))
        case .gamma: return Complex(Double.gamma(x))
        case .loggamma: return Complex(Double.logGamma(x))
        case .unevaluatedExpr: return z
        case .kroneckerDelta: return Complex(args[0] == args[1] ? 1 : 0)
        case .lambertW, .zeta, .dirichletEta, .polygamma, .lowergamma, .uppergamma, .beta:
            throw EvaluationError("numeric evaluation of \(function.name)() is not supported")
        }
    }
}
