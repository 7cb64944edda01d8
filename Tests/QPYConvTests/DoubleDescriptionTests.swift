import Testing
import QPYConv
import QPYTestSupport

/// ``DoubleDescription`` must give exactly `Double.description`'s text. `JSONDoubleTextTests`
/// checks it through the JSON writer on random bit patterns; these check it directly where the
/// shortest-decimal search and the layout have their cases.
@Suite struct DoubleDescriptionTests {
    /// The values whose text differs, as "bits: ours / standard library" (at most 10).
    static func mismatches(_ values: [Double]) -> [String] {
        var found: [String] = []
        for value in values {
            let expected = value.description
            var bytes: [UInt8] = [0x78]
            DoubleDescription.append(value, to: &bytes)
            let appended = String(decoding: bytes.dropFirst(), as: UTF8.self)
            let made = DoubleDescription.string(value)
            if made != expected || appended != expected {
                found.append("\(String(value.bitPattern, radix: 16)): \(made) / \(appended) / \(expected)")
                if found.count == 10 { break }
            }
        }
        return found
    }

    /// Every binary exponent (which reaches every power of ten in the table), with the smallest
    /// significand (the irregular spacing below a power of two), the largest, and 30 random ones,
    /// both signs: 131,008 values.
    @Test func everyExponent() {
        var generator = SeededGenerator(seed: 1)
        var values: [Double] = []
        for biased in UInt64(0)...2046 {
            for index in 0..<32 {
                let fraction: UInt64 = index == 0 ? 0 : index == 1 ? 1 << 52 - 1 : generator.next() & (1 << 52 - 1)
                let value = Double(bitPattern: biased << 52 | fraction)
                values += [value, -value]
            }
        }
        #expect(values.count == 131_008)
        #expect(Self.mismatches(values) == [])
    }

    /// Decimals with few digits (where a shorter candidate than 16 or 17 digits wins) at every
    /// decimal exponent, and their neighbours.
    @Test func shortDecimals() {
        var generator = SeededGenerator(seed: 2)
        var values: [Double] = []
        for exponent in -325...308 {
            for _ in 0..<24 {
                let digits = Int.random(in: 1...999_999, using: &generator)
                guard let value = Double("\(digits)e\(exponent)") else { continue }
                values += [value, value.nextUp, value.nextDown]
            }
        }
        #expect(values.count > 40_000)
        #expect(Self.mismatches(values.filter(\.isFinite)) == [])
    }

    /// Where the layout changes: 10^-4 (positional from here up), 2^53 (exponential above),
    /// integers (`ddd000.0`), three-digit exponents, signed zeros, and the values the standard
    /// library formats (subnormals, infinities, NaN).
    @Test func layoutBoundaries() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 10, 100, 1e15, 123_456_789_012_345_6, 9_007_199_254_740_992,
                                1e-4, 1.5e-4, 1e-3, 0.0123, 1e-5, 1e16, 1e-300, 1e300, 1.7976931348623157e308,
                                .leastNormalMagnitude, .leastNonzeroMagnitude, 4.9e-322, .infinity, -.infinity, .nan,
                                Double(bitPattern: 0x7FF8_0000_0000_0001), 123.456, 28, 0.325258]
        for base in [1e-4, 9_007_199_254_740_992, 18_014_398_509_481_984, 1e16, 1, 0.1] {
            var below = base, above = base
            for _ in 0..<50 {
                below = below.nextDown
                above = above.nextUp
                values += [below, above, -below, -above]
            }
        }
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<20_000 {
            values.append(Double(Int64.random(in: -(1 << 54)...(1 << 54), using: &generator)))
            values.append(Double(Int.random(in: 1...99_999, using: &generator)) / 8)
        }
        #expect(Self.mismatches(values) == [])
    }

    /// Random bit patterns: every exponent and significand as likely as any other.
    @Test func randomBitPatterns() {
        var generator = SeededGenerator(seed: 4)
        let values = (0..<200_000).map { _ in Double(bitPattern: generator.next()) }
        #expect(Self.mismatches(values) == [])
    }
}
