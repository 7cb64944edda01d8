import BigInt

/// The decimal text sympy's `srepr` writes for a binary64 `Float`: mpmath's `to_str` with 17
/// significant digits (`repr_dps(53)`), reproduced digit for digit, including its truncating
/// fixed-point conversion and its switch to exponent notation outside `1e-5 ..< 1e17`.
enum MpmathFloatFormat {
    private static let digitsShown = 17
    private static let workingDigits = 20  // dps + 3
    private static let log2Of10 = 3.3219280948873626  // Python's math.log(10, 2)

    static func string(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let sign = value < 0 ? "-" : ""
        var (digits, exponent) = digitsAndExponent(abs(value))

        if digits.count > digitsShown, digits[digits.index(digits.startIndex, offsetBy: digitsShown)] >= "5" {
            var kept = Array(digits.prefix(digitsShown))
            var index = digitsShown - 1
            while index >= 0, kept[index] == "9" { index -= 1 }
            if index >= 0 {
                kept[index] = Character(String(Int(String(kept[index]))! + 1))
                for fill in (index + 1)..<digitsShown { kept[fill] = "0" }
                digits = String(kept)
            } else {
                digits = "1" + String(repeating: "0", count: digitsShown - 1)
                exponent += 1
            }
        } else {
            digits = String(digits.prefix(digitsShown))
        }

        let minFixed = min(-(digitsShown / 3), -5)
        let maxFixed = digitsShown
        var split = 1
        if minFixed < exponent, exponent < maxFixed {
            if exponent < 0 {
                digits = String(repeating: "0", count: -exponent) + digits
            } else {
                split = exponent + 1
                if split > digitsShown { digits += String(repeating: "0", count: split - digitsShown) }
            }
            exponent = 0
        }
        let head = digits.prefix(split)
        var text = head + "." + digits.dropFirst(split)
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text += "0" }
        if exponent == 0 { return sign + text }
        return sign + text + (exponent > 0 ? "e+\(exponent)" : "e\(exponent)")
    }

    /// mpmath's `to_digits_exp(x, 20)` for a positive finite double: the digit string (rounded
    /// toward zero) and the decimal exponent of its first digit.
    private static func digitsAndExponent(_ value: Double) -> (String, Int) {
        // mpf normal form: value = mantissa * 2^exponent with an odd mantissa.
        var bits = value.significandBitPattern | (value.isNormal ? (1 << 52) : 0)
        var binaryExponent = value.isNormal ? Int(value.exponent) - 52 : -1074
        let trailing = bits.trailingZeroBitCount
        bits >>= UInt64(trailing)
        binaryExponent += trailing
        let mantissa = BigInt(bits)
        let bitCount = 64 - bits.leadingZeroBitCount

        let bitPrecision = Int(Double(workingDigits) * log2Of10) + 10
        let fixedPrecision = max(bitPrecision - binaryExponent - bitCount, 0)
        let fixedDigits = Int(Double(fixedPrecision) / log2Of10 + 0.5)
        let shift = binaryExponent + fixedPrecision
        let fixed = shift >= 0 ? mantissa << shift : mantissa >> (-shift)
        let scaled = (fixed * BigInt(10).power(fixedDigits)) >> fixedPrecision
        let digits = String(scaled)
        return (digits, digits.count - fixedDigits - 1)
    }
}
