import Testing
import QPYConv
@testable import QPYModel
import QPYTestSupport

/// ``DoubleParsing`` must read every text to the bits `Double(text)` gives (or fail where it
/// fails), and read the usual decimals itself rather than leave them to `Double(text)`.
@Suite struct DoubleParsingTests {
    /// The texts read differently from `Double(text)`, as "text: ours / standard library" (at most 10).
    static func mismatches(_ texts: [String]) -> [String] {
        var found: [String] = []
        for text in texts {
            let expected = Double(text)
            let read = DoubleParsing.double(text)
            let bytesRead = Array(text.utf8).withUnsafeBufferPointer { DoubleParsing.double($0) }
            if !sameBits(read, expected) || !sameBits(bytesRead, expected) {
                found.append("\(text): \(String(describing: read)) / \(String(describing: expected))")
                if found.count == 10 { break }
            }
        }
        return found
    }

    static func sameBits(_ first: Double?, _ second: Double?) -> Bool {
        switch (first, second) {
        case (nil, nil): return true
        case let (a?, b?): return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        default: return false
        }
    }

    /// How many of `texts` the Eisel-Lemire path reads itself (the rest go to `Double(text)`).
    static func readDirectly(_ texts: [String]) -> Int {
        texts.count { text in Array(text.utf8).withUnsafeBufferPointer { DoubleParsing.plainDecimal($0) } != nil }
    }

    /// The shortest text of random doubles (every exponent, both layouts): all read back, and
    /// nearly all normal ones without the library.
    @Test func shortestDescriptions_readBackExactly() {
        var generator = SeededGenerator(seed: 0x5EED_D0B1)
        var texts: [String] = []
        var normal: [String] = []
        for _ in 0..<200_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            texts.append(value.description)
            if value.isNormal { normal.append(value.description) }
        }
        #expect(Self.mismatches(texts) == [])
        // Left to the library: only long texts of exactly representable values (such as
        // 30036851268925.875), where the truncated power of ten cannot decide the rounding.
        #expect(Self.readDirectly(normal) >= normal.count * 999 / 1000)
    }

    /// Random decimals of 1 to 19 significant digits at every decimal exponent a double reaches
    /// (and past both ends), written with and without a point and an exponent.
    @Test func randomDecimals_matchTheLibrary() {
        var generator = SeededGenerator(seed: 0xDEC1_3A15)
        var texts: [String] = []
        for _ in 0..<300_000 {
            let digitCount = Int(generator.next() % 19) + 1
            var digits = String(generator.next() % 9 + 1)
            for _ in 1..<digitCount { digits += String(generator.next() % 10) }
            let exponent = Int(generator.next() % 700) - 360
            let sign = generator.next() % 2 == 0 ? "" : "-"
            switch generator.next() % 4 {
            case 0:
                texts.append("\(sign)\(digits)e\(exponent)")
            case 1:
                // d.ddd E±x
                let split = digits.index(after: digits.startIndex)
                let fraction = digits[split...].isEmpty ? "0" : String(digits[split...])
                texts.append("\(sign)\(digits[..<split]).\(fraction)E\(exponent >= 0 ? "+" : "")\(exponent)")
            case 2:
                // A point inside or before the digits, no exponent.
                let point = Int(generator.next() % UInt64(digitCount + 1))
                let integer = point == 0 ? "0" : String(digits.prefix(point))
                let fraction = point == digitCount ? "0" : String(digits.dropFirst(point))
                texts.append("\(sign)\(integer).\(fraction)")
            default:
                // Leading zeros after the point.
                let zeros = String(repeating: "0", count: Int(generator.next() % 30))
                texts.append("\(sign)0.\(zeros)\(digits)")
            }
        }
        #expect(Self.mismatches(texts) == [])
        // Nearly all are read directly (the rest: results outside the normal range, near-ties).
        #expect(Self.readDirectly(texts) > texts.count * 8 / 10)
    }

    /// Ties, the ends of the range, long significands, and texts that are not plain decimals.
    @Test func edgeCases_matchTheLibrary() {
        let texts = [
            "0", "-0", "0.0", "-0.0", "0e999", "-0e-999", "1", "-1", "00.5", "0.1", "0.3", "1e23", "8.98846567431158e307",
            "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995", "18014398509481985",
            "2.2250738585072014e-308", "2.2250738585072011e-308", "2.225073858507201e-308", "4.9406564584124654e-324",
            "5e-324", "2.4703282292062327e-324", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "1e308", "1e309", "1e-400", "9999999999999999999", "10000000000000000000",
            "12345678901234567890123", "0.1000000000000000055511151231257827", "1.00000000000000011102230246251565404",
            "7.2057594037927933e16", "1e-05", "1.8014398509481984e+16", "6.02E23", "1E+0", "1e0005",
            "", "-", "+1", ".5", "1.", "1e", "1e+", "1e-", " 1", "1 ", "1_0", "inf", "-inf", "nan", "NaN", "Infinity",
            "-Infinity", "0x1p3", "0x10", "1e99999", "1.5.5", "--1", "1e1e1", "١",
            // Exponents and significands longer than any integer (found by FuzzText, run 12).
            "1e99999999999999999999999", "1e-99999999999999999999999", "0e99999999999999999999999",
            "2.5E+00000000000000000000000000001", String(repeating: "9", count: 400), "0." + String(repeating: "0", count: 400) + "1",
            String(repeating: "1", count: 30) + "." + String(repeating: "7", count: 30) + "e-" + String(repeating: "3", count: 30),
        ]
        #expect(Self.mismatches(texts) == [])
    }

    /// Digits are read eight at a time where eight follow: runs of digits broken by the bytes
    /// just outside '0'…'9' ('/' and ':'), by points, signs, exponents and non-ASCII characters at
    /// every place of an eight-byte word.
    @Test func digitRunsBrokenAnywhere_matchTheLibrary() {
        var texts = ["1234567/", "1234567:", "12345678/1", "1.2345678:9", "0.1234567/8", "1234é678", "0.12345678901234٣",
                     "12345678", "123456789012345678", "0.00000000123456781234", "00000000000000001", "0.0000000000000000"]
        var generator = SeededGenerator(seed: 0xD161_7500)
        let pieces: [String] = ["0", "1", "5", "9", "0", "7", ".", "e", "E", "-", "+", "/", ":", "é", "٣", " "]
        for _ in 0..<40_000 {
            let length = Int.random(in: 1...26, using: &generator)
            var text = ""
            for _ in 0..<length {
                // Mostly digits, so that whole words of digits are common.
                text += Int.random(in: 0..<4, using: &generator) == 0 ? pieces.randomElement(using: &generator)!
                    : String(Int.random(in: 0...9, using: &generator))
            }
            texts.append(text)
        }
        #expect(Self.mismatches(texts) == [])
    }

    /// Every power of ten the table holds, and its neighbours, read as `1eQ`, `9.999…eQ` and `1.000…1eQ`.
    @Test func powersOfTen_matchTheLibrary() {
        var texts: [String] = []
        for exponent in -330...310 {
            texts += ["1e\(exponent)", "9.999999999999999999e\(exponent)", "1.000000000000000001e\(exponent)",
                      "5e\(exponent)", "2.5e\(exponent)"]
        }
        #expect(Self.mismatches(texts) == [])
    }
}
