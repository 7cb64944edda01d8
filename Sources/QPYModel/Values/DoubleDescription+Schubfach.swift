extension DoubleDescription {
    /// The shortest decimal `digits` × 10^`exponent` that rounds to `significand` × 2^`exponent`
    /// (a normal double: `significand` has its implicit leading bit), the closest to it among the
    /// shortest, ties to an even `digits`; `digits` may end in zeros.
    ///
    /// R. Giulietti, "The Schubfach way to render doubles" (2020), figures 7 to 9: the value and
    /// the ends of the interval of reals that round to it are scaled by 10^-k, for the k that
    /// leaves one or two candidates at the unit and tens place, with a 126-bit power of ten
    /// (``powers``), each product rounded to odd so that the comparisons stay exact.
    @inline(__always)
    static func shortestDecimal(significand c: UInt64, exponent q: Int) -> (digits: UInt64, exponent: Int) {
        let odd: UInt64 = c & 1
        // The value and the interval's ends with two fractional bits: 4c and 4c ± 2 (± 1 below a
        // power of two, where the spacing under the value is half the spacing above it).
        let center = c << 2
        let upper = center + 2
        let lower: UInt64
        let k: Int
        if c != 1 << 52 || q == -1074 {
            lower = center - 2
            k = floorLog10Pow2(q)
        } else {
            lower = center - 1
            k = floorLog10ThreeQuartersPow2(q)
        }
        let shift = q + floorLog2Pow10(-k) + 2
        let (high, low) = powers.withUnsafeBufferPointer { table in
            let index = (k + 324) &* 2
            return (table[index], table[index + 1])
        }
        let scaledCenter = roundToOdd(high, low, center << shift)
        let scaledLower = roundToOdd(high, low, lower << shift)
        let scaledUpper = roundToOdd(high, low, upper << shift)

        // Three answers, of which the first that applies is taken; all worked out, then one picked
        // (a choice between data-dependent branches that a processor mispredicts half the time).
        let s = scaledCenter >> 2
        let t = s + 1
        // One digit fewer: the multiples of 10 below and above s, when exactly one lies inside.
        let shorterBelow = s / 10 * 10
        let shorterAbove = shorterBelow + 10
        let shorterBelowInside = scaledLower + odd <= shorterBelow << 2
        let shorterAboveInside = shorterAbove << 2 + odd <= scaledUpper
        let shorter = shorterBelowInside ? shorterBelow : shorterAbove
        // s or t, when exactly one lies inside.
        let belowInside = scaledLower + odd <= s << 2
        let aboveInside = t << 2 + odd <= scaledUpper
        let single = belowInside ? s : t
        // Both inside: the closer one, or the even one when the value is halfway.
        let offset = Int(bitPattern: UInt(scaledCenter)) - Int(bitPattern: UInt((s + t) << 1))
        let closer = offset < 0 || (offset == 0 && s & 1 == 0) ? s : t
        // s >= 100 always holds here (s has 16 or 17 digits for a normal double); the test is the
        // method's own, kept for what it states.
        let digits = s >= 100 && shorterBelowInside != shorterAboveInside ? shorter
            : belowInside != aboveInside ? single : closer
        return (digits, k)
    }

    /// floor(log10(2^e)) for |e| ≤ 1100 (checked exhaustively by the table generator's reasoning
    /// and by the tests against the standard library).
    @inline(__always)
    static func floorLog10Pow2(_ e: Int) -> Int { (e &* 661_971_961_083) >> 41 }

    /// floor(log10(3/4 × 2^e)) for |e| ≤ 1100.
    @inline(__always)
    static func floorLog10ThreeQuartersPow2(_ e: Int) -> Int { (e &* 661_971_961_083 &- 274_743_187_321) >> 41 }

    /// floor(log2(10^e)) for |e| ≤ 400.
    @inline(__always)
    static func floorLog2Pow10(_ e: Int) -> Int { (e &* 913_124_641_741) >> 38 }

    /// (g × `multiplier`) / 2^127 rounded to odd (truncated, with the last bit set when anything
    /// was cut off), where g = `high` × 2^63 + `low`.
    @inline(__always)
    private static func roundToOdd(_ high: UInt64, _ low: UInt64, _ multiplier: UInt64) -> UInt64 {
        let lowProduct = low.multipliedFullWidth(by: multiplier).high
        let highProduct = high.multipliedFullWidth(by: multiplier)
        let middle = highProduct.low >> 1 + lowProduct
        let truncated = highProduct.high + middle >> 63
        let mask: UInt64 = 1 << 63 - 1
        return truncated | ((middle & mask) + mask) >> 63
    }
}
