/// A named function of the expression language, spelled as sympy's `srepr` spells it.
public enum MathFunction: String, CaseIterable, Hashable, Sendable {
    case exp, log, sqrt
    case sin, cos, tan, cot, csc, sec
    case asin, acos, atan, acot, asec, acsc, atan2
    case sinh, cosh, tanh, coth, csch, sech
    case asinh, acosh, atanh, acoth, acsch, asech
    case sign, conjugate, abs = "Abs", floor, ceiling, re, im, arg
    case max = "Max", min = "Min"
    case erf, erfc, gamma, loggamma, lambertW = "LambertW"
    case zeta, dirichletEta = "dirichlet_eta", kroneckerDelta = "KroneckerDelta"
    case polygamma, lowergamma, uppergamma, beta
    case unevaluatedExpr = "UnevaluatedExpr"

    /// The sympy name (`Abs`, `exp`, `LambertW`, …).
    public var name: String { rawValue }

    /// How many arguments the function takes; `nil` for variadic functions (`Max`, `Min`).
    public var arity: Int? {
        switch self {
        case .atan2, .zeta, .kroneckerDelta, .polygamma, .lowergamma, .uppergamma, .beta: return 2
        case .max, .min: return nil
        default: return 1
        }
    }

    /// Looks a function up by its sympy name, or by a lower-case alias (`abs`, `max`, `min`).
    public static func named(_ name: String) -> MathFunction? {
        if let function = MathFunction(rawValue: name) { return function }
        switch name {
        case "abs": return .abs
        case "max": return .max
        case "min": return .min
        default: return nil
        }
    }
}
