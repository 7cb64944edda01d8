extension Expression {
    /// The expression with every symbol named in `replacements` replaced by its expression.
    public func substituting(_ replacements: [String: Expression]) -> Expression {
        guard !replacements.isEmpty else { return self }
        return replacingLeaves { leaf in
            if case .symbol(let name) = leaf { return replacements[name] }
            return nil
        }
    }

    /// The expression with every leaf (symbol, number, constant, boolean) for which `replacement`
    /// returns an expression replaced by that expression.
    public func replacingLeaves(_ replacement: (Expression) -> Expression?) -> Expression {
        func map(_ node: Expression) -> Expression {
            switch node {
            case .symbol, .number, .complex, .constant, .boolean: return replacement(node) ?? node
            case .add(let args): return .add(args.map(map))
            case .mul(let args): return .mul(args.map(map))
            case .pow(let base, let exponent): return .pow(map(base), map(exponent))
            case .function(let function, let args): return .function(function, args.map(map))
            case .relation(let relation, let lhs, let rhs): return .relation(relation, map(lhs), map(rhs))
            case .and(let args): return .and(args.map(map))
            case .or(let args): return .or(args.map(map))
            case .xor(let args): return .xor(args.map(map))
            case .not(let arg): return .not(map(arg))
            case .piecewise(let branches):
                return .piecewise(branches.map { PiecewiseBranch(value: map($0.value), condition: map($0.condition)) })
            }
        }
        return map(self)
    }
}
