/// A comparison between two expressions.
public enum Relation: String, CaseIterable, Hashable, Sendable {
    /// `a <= b` (sympy `LessThan`).
    case lessThan = "LessThan"
    /// `a < b` (sympy `StrictLessThan`).
    case strictLessThan = "StrictLessThan"
    /// `a >= b` (sympy `GreaterThan`).
    case greaterThan = "GreaterThan"
    /// `a > b` (sympy `StrictGreaterThan`).
    case strictGreaterThan = "StrictGreaterThan"
    /// `a == b` (sympy `Equality`).
    case equality = "Equality"
    /// `a != b` (sympy `Unequality`).
    case unequality = "Unequality"

    /// The sympy class name.
    public var sympyName: String { rawValue }

    /// The infix operator.
    public var infixOperator: String {
        switch self {
        case .lessThan: return "<="
        case .strictLessThan: return "<"
        case .greaterThan: return ">="
        case .strictGreaterThan: return ">"
        case .equality: return "=="
        case .unequality: return "!="
        }
    }
}
