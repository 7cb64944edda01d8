/// A named constant of the expression language.
public enum MathConstant: String, CaseIterable, Hashable, Sendable {
    case pi = "pi"
    case e = "E"
    case imaginaryUnit = "I"
    case infinity = "oo"
    case negativeInfinity = "-oo"
    case complexInfinity = "zoo"
    case nan = "nan"
    case eulerGamma = "EulerGamma"
    case goldenRatio = "GoldenRatio"
    case catalan = "Catalan"

    /// The name as sympy's `srepr` and the infix syntax write it.
    public var name: String { rawValue }
}
