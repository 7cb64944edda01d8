import Testing
import QPYConv

/// Streamed waveform samples (``JSONStream/finitePair(_:_:)``) are written without making a
/// `String` per number; the bytes must be exactly those of `Double.description` in the tree.
@Suite struct JSONDoubleTextTests {
    /// Doubles where shortest round-trip printing changes form or is easy to get wrong.
    static let edgeCases: [Double] = {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, .pi, -.pi, 123.456, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
            .leastNonzeroMagnitude, .leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
            Double.leastNormalMagnitude.nextUp, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            9007199254740992, 9007199254740991, 9007199254740994, -9007199254740992,
            1e16, Double(1e16).nextDown, Double(1e16).nextUp, 9999999999999998, 1e15, 1e17,
            1e-5, Double(1e-5).nextDown, Double(1e-5).nextUp, 1e-4, Double(1e-4).nextDown, 0.0001, 0.00001,
            1e-7, 1e22, 1e23, 8.41e21, Double(sign: .plus, exponentBitPattern: 0, significandBitPattern: 0x5C0A_B934_7ED7) /* 5e-310 */, 2.2250738585072014e-308, 1.7976931348623157e308,
        ]
        var power = 1.0
        for _ in 0..<330 {
            values += [power, power.nextUp, power.nextDown, -power]
            power *= 10
        }
        power = 1.0
        for _ in 0..<330 {
            values += [power, power.nextUp, power.nextDown, -power]
            power /= 10
        }
        for exponent in -1074...1023 { values.append(Double(sign: .plus, exponent: exponent, significand: 1)) }
        return values.filter(\.isFinite)
    }()

    /// `pairs` as streamed samples and as the equivalent tree of `description`s, in `style`,
    /// nested `depth` objects deep (so the one-line limit of a pair varies).
    static func bothWays(_ pairs: [(Double, Double)], style: JSONText.Style, depth: Int) -> (streamed: [UInt8], tree: [UInt8]) {
        var stream = JSONStream.array(count: pairs.count) { .finitePair(pairs[$0].0, pairs[$0].1) }
        var tree = JSONValue.array(pairs.map { .array([.number($0.0.description), .number($0.1.description)]) })
        for level in 0..<depth {
            stream = .object([(key: "k\(level)", value: stream)])
            tree = .object([JSONMember("k\(level)", tree)])
        }
        return (JSONText.serializeUTF8(stream, style: style), JSONText.serializeUTF8(tree, style: style))
    }

    static let styles: [JSONText.Style] = [.python, .pretty(indent: 2), .pretty(indent: 4), .pretty(indent: 16)]

    @Test func edgeCases_matchDescription() {
        let values = Self.edgeCases
        let pairs = values.indices.map { (values[$0], values[(values.count - 1 - $0)]) }
        for style in Self.styles {
            for depth in [0, 1, 3, 5] {
                let (streamed, tree) = Self.bothWays(pairs, style: style, depth: depth)
                #expect(streamed == tree)
            }
        }
    }

    /// Random bit patterns (every exponent and significand is as likely as any other), a million
    /// numbers, in batches.
    @Test func randomBitPatterns_matchDescription() {
        var generator = SystemRandomNumberGenerator()
        for batch in 0..<10 {
            var pairs: [(Double, Double)] = []
            pairs.reserveCapacity(50_000)
            while pairs.count < 50_000 {
                let first = Double(bitPattern: generator.next())
                let second = Double(bitPattern: generator.next())
                if first.isFinite, second.isFinite { pairs.append((first, second)) }
            }
            let style = Self.styles[batch % Self.styles.count]
            let (streamed, tree) = Self.bothWays(pairs, style: style, depth: batch % 4)
            #expect(streamed == tree)
        }
    }

    /// Random values of ordinary size (waveform samples in [-1, 1], amplitudes, times).
    @Test func randomOrdinaryValues_matchDescription() {
        var generator = SystemRandomNumberGenerator()
        let pairs = (0..<100_000).map { index in
            let scale = [1.0, 1e-9, 1e9, 1e-5, 1e16][index % 5]
            return (Double.random(in: -1...1, using: &generator) * scale, Double.random(in: -1...1, using: &generator))
        }
        for style in Self.styles {
            let (streamed, tree) = Self.bothWays(pairs, style: style, depth: 2)
            #expect(streamed == tree)
        }
    }
}

/// Parsed numbers are read with C's `strtod` where it reads the whole literal; the double must be
/// exactly `Double(text)`'s (same bits, same `nil`).
@Suite struct JSONNumberTextTests {
    static func same(_ text: String) -> Bool {
        let direct = JSONNumberText(text).double
        let expected = Double(text)
        guard let direct, let expected else { return direct == nil && expected == nil }
        return direct.bitPattern == expected.bitPattern || (direct.isNaN && expected.isNaN)
    }

    @Test func edgeCases_matchDoubleInit() {
        let texts = [
            "0", "-0", "0.0", "-0.0", "0e5", "1", "-1", "0.1", "1e400", "-1e400", "1e-400", "-1e-400", "1e308", "1.7976931348623157e308",
            "1.7976931348623159e308", "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "5e-324", "2.2250738585072014e-308",
            "2.2250738585072011e-308", "9007199254740993", "9007199254740992.5", "1e16", "1e-5", "123456789012345678901234567890",
            "0.30000000000000004", "NaN", "Infinity", "-Infinity", "1E5", "1e+5", "1.5E-3",
            "0." + String(repeating: "0", count: 70) + "1", String(repeating: "9", count: 70),
        ]
        for text in texts { #expect(Self.same(text), "\(text)") }
    }

    @Test func randomLiterals_matchDoubleInit() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            #expect(Self.same(value.description))
        }
        for _ in 0..<200_000 {
            let digits = (0..<Int.random(in: 1...25, using: &generator)).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let point = Int.random(in: 0...digits.count, using: &generator)
            var text = String(digits.prefix(point)) + (point < digits.count ? "." + digits.dropFirst(point) : "")
            if text.hasPrefix(".") { text = "0" + text }
            if Bool.random(using: &generator) { text += "e" + String(Int.random(in: -340...320, using: &generator)) }
            if Bool.random(using: &generator) { text = "-" + text }
            #expect(Self.same(text), "\(text)")
        }
    }
}
