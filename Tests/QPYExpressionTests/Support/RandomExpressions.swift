import BigInt
import QPYExpression
import QPYTestSupport

/// Random trees that exercise every node kind and the awkward corners of the infix sugar:
/// negative literals, `Mul(-1, …)`, rationals next to integers, nested sums and products,
/// degenerate n-ary nodes, odd symbol names and special floats.
enum RandomExpressions {
    static let names = ["x", "y", "amp", "θ[0]", "t", "a b", "pi", "and", "sin", "x\"q", "_1", "v[12]"]
    static let numbers: [Number] = [
        .integer(0), .integer(1), .integer(-1), .integer(2), .integer(-2), .integer(3), .integer(BigInt(10).power(29) + 123),
        .rational(1, 2), .rational(-1, 2), .rational(3, 4), .rational(2, 4), .float(0.5), .float(-0.5), .float(-0.0),
        .float(0.0), .float(1e-300), .float(1e300), .float(.infinity), .float(-.infinity), .float(.nan),
        .float(Double(bitPattern: 0x7FF8_0000_0000_0001)), .float(Double.leastNonzeroMagnitude), .float(0.1),
    ]

    static func tree<G: RandomNumberGenerator>(depth: Int, using rng: inout G) -> Expression {
        if depth <= 0 || Int.random(in: 0..<10, using: &rng) < 3 { return leaf(using: &rng) }
        func sub() -> Expression { tree(depth: depth - 1, using: &rng) }
        func list(_ range: ClosedRange<Int>) -> [Expression] { (0..<Int.random(in: range, using: &rng)).map { _ in sub() } }
        switch Int.random(in: 0..<16, using: &rng) {
        case 0, 1: return .add(list(0...4))
        case 2, 3: return .mul(list(0...4))
        case 4: return .mul([.integer(-1)] + list(1...3))
        case 5: return .mul([.number(numbers.randomElement(using: &rng)!)] + list(1...3))
        case 6, 7: return .pow(sub(), sub())
        case 8: return .pow(sub(), .integer(Int.random(in: -3...3, using: &rng)))
        case 9: return .function(MathFunction.allCases.filter { $0.arity == 1 }.randomElement(using: &rng)!, [sub()])
        case 10: return .function(.max, list(0...3))
        case 11: return .relation(Relation.allCases.randomElement(using: &rng)!, sub(), sub())
        case 12: return .and(list(0...3))
        case 13: return [.or(list(0...3)), .xor(list(0...2)), .not(sub())].randomElement(using: &rng)!
        case 14: return .piecewise((0..<Int.random(in: 0...3, using: &rng)).map { _ in PiecewiseBranch(value: sub(), condition: sub()) })
        default: return .add([sub(), .mul([.integer(-1), sub()])])
        }
    }

    static func leaf<G: RandomNumberGenerator>(using rng: inout G) -> Expression {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0, 1: return .symbol(names.randomElement(using: &rng)!)
        case 2, 3: return .number(numbers.randomElement(using: &rng)!)
        case 4: return .constant(MathConstant.allCases.randomElement(using: &rng)!)
        default:
            return [.boolean(true), .boolean(false), .complex(real: .integer(0), imaginary: .integer(2)),
                    .complex(real: .float(1), imaginary: .float(-2)), .complex(real: .rational(1, 3), imaginary: .integer(-1))]
                .randomElement(using: &rng)!
        }
    }
}
