/// Reads decimal text as `Double(text)` does, from bytes and without a `String` for the common
/// case: the value closest to the decimal (ties to even), the same bits as the standard library.
///
/// Plain decimals (`-12.5`, `0.1`, `1e-07`, `6.02E23`: an optional `-`, digits, an optional
/// fraction and exponent) with at most 19 significant digits are read here: with one exact
/// multiplication or division when the significand is below 2^53 and the power of ten at most
/// 10^22 (Clinger's fast path: both operands exact, so the one rounding is the right one), else by
/// the Eisel-Lemire method (a 64 × 128-bit product with the power of ten rounded down, exact
/// whenever its rounding can be decided from the product). Anything else (more digits, `inf`, `nan`, hexadecimal, a result
/// that is subnormal or out of range, or a product too close to a rounding boundary, which the
/// method detects) goes to `Double(text)`.
public enum DoubleParsing {
    /// `Double(String(decoding: bytes, as: UTF8.self))`.
    public static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let value = plainDecimal(bytes) { return value }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// `Double(text)`.
    public static func double(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { double($0) }
    }

    /// The value of a plain decimal, or `nil` when this reader leaves the text to `Double(text)`.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let negative = !bytes.isEmpty && bytes[0] == UInt8(ascii: "-")
        guard let (magnitude, end) = leadingMagnitude(bytes, from: negative ? 1 : 0), end == bytes.count else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// The unsigned plain decimal at `start` of `bytes` (digits, then optionally a point and
    /// digits, then optionally `e` or `E`, a sign and digits) and the offset where it ends: the
    /// number a lexer makes of those bytes (an `e` without digits after it is not part of it), as
    /// `Double(text)` reads it. `nil` when there is none (no digit first, a point without digits
    /// after it) or when this reader leaves the text to `Double(text)`: more than 19 significant
    /// digits, more than four exponent digits, or a value it cannot round with certainty.
    package static func leadingMagnitude(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (value: Double, end: Int)? {
        let count = bytes.count
        var index = start
        var significand: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        // Integer part: at least one digit.
        guard readDigits(bytes, &index, &significand, &significantDigits) > 0, significantDigits <= 19 else { return nil }
        // Fraction: a point and at least one digit.
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionDigits = readDigits(bytes, &index, &significand, &significantDigits)
            guard fractionDigits > 0, significantDigits <= 19 else { return nil }
            exponent -= fractionDigits
        }
        // Exponent: `e` or `E`, an optional sign, one to four digits (without a digit, the `e`
        // is not part of the number).
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var digitsStart = index + 1
            var negativeExponent = false
            if digitsStart < count, bytes[digitsStart] == UInt8(ascii: "-") || bytes[digitsStart] == UInt8(ascii: "+") {
                negativeExponent = bytes[digitsStart] == UInt8(ascii: "-")
                digitsStart += 1
            }
            var digitsEnd = digitsStart
            var value = 0
            while digitsEnd < count, case let digit = bytes[digitsEnd] &- UInt8(ascii: "0"), digit < 10 {
                // Counted past the fourth digit but not accumulated (the text goes to the library).
                if digitsEnd - digitsStart < 4 { value = value * 10 + Int(digit) }
                digitsEnd += 1
            }
            if digitsEnd > digitsStart {
                guard digitsEnd - digitsStart <= 4 else { return nil }
                exponent += negativeExponent ? -value : value
                index = digitsEnd
            }
        }
        guard let magnitude = value(significand: significand, exponent: exponent) else { return nil }
        return (magnitude, index)
    }

    /// `significand` × 10^`exponent` (at most 19 digits), or `nil` when the product cannot decide
    /// the rounding or the result is not a normal finite number (nor zero).
    private static func value(significand: UInt64, exponent: Int) -> Double? {
        var significand = significand
        var exponent = exponent
        // Zeros at the end (`2.50`, `1.0`) into the exponent, for the exact path below.
        while significand != 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        if significand <= 1 << 53, exponent >= -22, exponent <= 22 {
            let exact = Double(significand)
            return exponent < 0 ? exact / exactPowers[-exponent] : exact * exactPowers[exponent]
        }
        return eiselLemire(significand: significand, exponent: exponent)
    }

    /// Reads the digits from `index` on into `significand` (wrapping past 19 digits, which the
    /// caller refuses) and counts those from the first nonzero one into `significantDigits`;
    /// returns how many there were. Eight at a time while eight digits follow (a word checked and
    /// folded in three multiplications), then one at a time.
    @inline(__always)
    private static func readDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ significand: inout UInt64,
                                   _ significantDigits: inout Int) -> Int {
        let start = index
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= bytes.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // A byte outside '0'…'9' sets its high bit in one of the two terms.
                guard ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0 else { break }
                let value = eightDigitValue(word)
                if significand != 0 {
                    significantDigits += 8
                } else {
                    var rest = value
                    while rest != 0 {
                        significantDigits += 1
                        rest /= 10
                    }
                }
                significand = significand &* 100_000_000 &+ value
                index &+= 8
            }
        }
        while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            if significand != 0 || digit != 0 { significantDigits += 1 }
            significand = significand &* 10 &+ UInt64(digit)
            index += 1
        }
        return index - start
    }

    /// The value of eight ASCII digits loaded as a little-endian word (the first digit in the low
    /// byte): pairs, then quadruples, then the whole, each step one multiplication.
    @inline(__always)
    static func eightDigitValue(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        // Each even byte becomes its pair's value (10 × first + second).
        value = (value &* 10) &+ (value >> 8)
        let pairs = value & 0x0000_00FF_0000_00FF
        let nextPairs = (value >> 16) & 0x0000_00FF_0000_00FF
        // 100 × pair 0 + pair 1 and 100 × pair 2 + pair 3, then the two quadruples joined.
        value = (pairs &* (100 &+ (1_000_000 << 32)) &+ nextPairs &* (1 &+ (10_000 << 32))) >> 32
        return value & 0xFFFF_FFFF
    }

    /// 10^0 … 10^22, the powers of ten a `Double` holds exactly.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `significand` × 10^`exponent` rounded to the nearest `Double` (ties to even), or `nil` when
    /// the product cannot decide the rounding or the result is not a normal finite number.
    static func eiselLemire(significand: UInt64, exponent: Int) -> Double? {
        if significand == 0 { return 0.0 }
        let minimumExponent = -327
        guard exponent >= minimumExponent, exponent <= 308 else { return nil }
        // The significand normalised to 64 bits, times 10^exponent rounded down to 128 bits: the
        // top 128 bits of the product, and the binary exponent of its leading bit (floor of
        // exponent × log2(10) from the fixed-point constant 217706 / 2^16).
        let leadingZeros = significand.leadingZeroBitCount
        let normalized = significand << leadingZeros
        var binaryExponent = ((217_706 &* exponent) >> 16) &+ 64 &+ 1023 &- leadingZeros
        let row = 2 * (exponent - minimumExponent)
        let (powerHigh, powerLow) = powers.withUnsafeBufferPointer { ($0[row], $0[row + 1]) }
        var (high, low) = normalized.multipliedFullWidth(by: powerHigh)
        if high & 0x1FF == 0x1FF, low &+ normalized < low {
            // The truncated power may have moved the bits that decide the rounding: add the
            // product with the power's low half.
            let (carryHigh, carryLow) = normalized.multipliedFullWidth(by: powerLow)
            let mergedLow = low &+ carryHigh
            let mergedHigh = high &+ (mergedLow < low ? 1 : 0)
            if mergedHigh & 0x1FF == 0x1FF, mergedLow &+ 1 == 0, carryLow &+ normalized < carryLow { return nil }
            (high, low) = (mergedHigh, mergedLow)
        }
        // The leading 54 bits (one more than the result keeps, for rounding).
        let topBit = Int(high >> 63)
        var mantissa = high >> (9 &+ topBit)
        binaryExponent -= 1 ^ topBit
        // Exactly halfway between two doubles as far as the product shows: let the library decide.
        if low == 0, high & 0x1FF == 0, mantissa & 3 == 1 { return nil }
        mantissa = (mantissa &+ (mantissa & 1)) >> 1
        if mantissa >> 53 != 0 {
            mantissa >>= 1
            binaryExponent += 1
        }
        // Subnormal, infinite or NaN: not here.
        guard binaryExponent >= 1, binaryExponent <= 0x7FE else { return nil }
        let bits = UInt64(binaryExponent) << 52 | mantissa & (1 << 52 - 1)
        return Double(bitPattern: bits)
    }
}
