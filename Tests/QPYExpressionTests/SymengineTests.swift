import QPYDiagnostics
import Testing
@testable import QPYExpression

/// The symengine cereal codec: real payloads round-trip byte for byte, trees from sympy text encode
/// to payloads the decoder (and symengine) accept, and hostile input fails cleanly.
@Suite("Symengine codec")
struct SymengineTests {
    // MARK: - Helpers

    private static func bytes(_ hex: String) -> [UInt8] {
        Hex.bytes(String(hex.filter { !$0.isWhitespace })) ?? []
    }

    /// Decodes, re-encodes and returns the re-encoded bytes (empty on failure, recorded as an issue).
    private static func recode(_ payload: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [UInt8] {
        do {
            return try SymengineArchive(bytes: payload).bytes()
        } catch {
            Issue.record("round trip failed: \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    private static func decodeError(_ payload: [UInt8], limits: ExpressionLimits = .default) -> ByteDecodingError? {
        do {
            _ = try SymengineArchive(bytes: payload, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    private static func tree(_ srepr: String) throws -> Expression { try Expression(srepr: srepr) }

    private static func number(_ expression: Expression) -> Number? {
        if case .number(let number) = expression { return number }
        return nil
    }

    // MARK: - Test vectors from the format notes (§4.b, Appendix C)

    @Test("notes test vectors decode to the documented trees and re-encode byte-identically",
          arguments: [
              ("0100000d000100008023000000020000800d00000000010000000000000078", "sin(Symbol('x'))"),
              ("0100000d0001000080690000000200008000000000010000000000000030030000800d0000000005000000000000007369676d61",
               "StrictLessThan(Integer(0), Symbol('sigma'))"),
              ("0100000d000100008068000000020000804d000000030000800d000000000300000000000000616d700400008006000000000000000000f03f",
               "LessThan(Abs(Symbol('amp')), Float('1.0', precision=53))"),
              ("0100000d000100008063000000020000000000000002000080690000000300008000000000010000000000000030040000800d000000000400000000000000667265710500008069000000060000800d000000000400000000000000667265710700008006000000000000000000e03f",
               "And(StrictLessThan(Integer(0), Symbol('freq')), StrictLessThan(Symbol('freq'), Float('0.5', precision=53)))"),
          ])
    func notesVectors(hex: String, srepr: String) throws {
        let payload = Self.bytes(hex)
        let archive = try SymengineArchive(bytes: payload)
        #expect(archive.version == .v0_13)
        #expect(archive.root == (try Self.tree(srepr)))
        #expect(try archive.bytes() == payload)
    }

    // MARK: - Every supported class, as the wheels write it

    @Test("symengine 0.13 wheel payloads of every supported class round-trip byte-identically")
    func wheel013RoundTrip() throws {
        for (name, hex) in Vectors.v0_13 {
            let payload = Self.bytes(hex)
            #expect(Self.recode(payload) == payload, "\(name)")
            #expect(try SymengineArchive(bytes: payload).version == .v0_13)
        }
    }

    @Test("a 0.9 payload decodes with the shifted type-id table and re-encodes with it")
    func legacy09() throws {
        #expect(Vectors.v0_9.count == Vectors.v0_13.count)
        for (name, old) in Vectors.v0_9 {
            let payload = Self.bytes(old)
            let archive = try SymengineArchive(bytes: payload)
            #expect(archive.version == .v0_9, "\(name)")
            #expect(try archive.bytes() == payload, "\(name)")
            // The same tree written for 0.13 decodes to the same tree again.
            let recoded = try archive.root.symengineBytes(version: .v0_13)
            #expect(try Expression(symengine: recoded) == archive.root, "\(name)")
        }
        // Piecewise is 93 in 0.9 but ImageSet (unsupported) in 0.13: the header picks the table.
        var patched = Self.bytes(Vectors.v0_9.first { $0.name == "logic" }?.hex ?? "")
        patched[3] = 13
        let error = try #require(Self.decodeError(patched))
        #expect(error.reason.contains("93") && error.reason.contains("ImageSet"))
    }

    @Test("the 0.9 and 0.13 wheels agree on the trees of the shared vectors")
    func legacyTreesMatchModern() throws {
        for ((name, old), (_, new)) in zip(Vectors.v0_9, Vectors.v0_13) {
            let a = try Expression(symengine: Self.bytes(old))
            let b = try Expression(symengine: Self.bytes(new))
            #expect(Set(a.symbolNames) == Set(b.symbolNames), "\(name)")
        }
    }

    @Test("back-references reuse the node with that number")
    func backReference() throws {
        // StrictLessThan(x, <back-reference to node 2>)
        let payload = Cereal.payload(Cereal.node(1, type: 105) + Cereal.symbol(2, "x") + Cereal.u32(2))
        #expect(try Expression(symengine: payload) == .relation(.strictLessThan, .symbol("x"), .symbol("x")))
        // Re-encoding writes a fresh node instead (as the 0.9–0.13 wheels do).
        #expect(try Expression(symengine: payload).symengineBytes() == Cereal.payload(Cereal.node(1, type: 105) + Cereal.symbol(2, "x") + Cereal.symbol(3, "x")))
    }

    @Test("the mapping onto the tree follows the documented rules")
    func mapping() throws {
        let x = Expression.symbol("x"), y = Expression.symbol("y"), z = Expression.symbol("z")
        let e = Cereal.node(0, type: 31) + Cereal.u64(1) + Array("E".utf8)
        let cases: [(String, [UInt8], Expression)] = [
            // Add(0, {x: 1, Mul(1, {x: 1, y: 1}): 2}): the zero constant is dropped, a term with
            // coefficient 1 is the term itself, a Mul with coefficient 1 flattens one level.
            ("Add", Cereal.node(1, type: 16) + Cereal.integer(2, "0") + Cereal.u64(2)
                + Cereal.symbol(3, "x") + Cereal.integer(4, "1")
                + Cereal.node(5, type: 15) + Cereal.integer(6, "1") + Cereal.u64(2)
                + Cereal.symbol(7, "x") + Cereal.integer(8, "1") + Cereal.symbol(9, "y") + Cereal.integer(10, "1")
                + Cereal.integer(11, "2"),
             .add([x, .mul([.integer(2), x, y])])),
            // Mul(-1, {E: x, y: 2, z: 1}): exponent 1 is the base, base E is exp, else Pow.
            ("Mul", Cereal.node(1, type: 15) + Cereal.integer(2, "-1") + Cereal.u64(3)
                + Cereal.renumbered(e, 3) + Cereal.symbol(4, "x") + Cereal.symbol(5, "y") + Cereal.integer(6, "2")
                + Cereal.symbol(7, "z") + Cereal.integer(8, "1"),
             .mul([.integer(-1), .function(.exp, [x]), .pow(y, .integer(2)), z])),
            ("Pow(E, x)", Cereal.node(1, type: 17) + Cereal.renumbered(e, 2) + Cereal.symbol(3, "x"), .function(.exp, [x])),
            ("Complex(0, 1)", Cereal.node(1, type: 2) + Cereal.integer(2, "0") + Cereal.integer(3, "1"), .constant(.imaginaryUnit)),
            ("Infty(-1)", Cereal.node(1, type: 7) + Cereal.integer(2, "-1"), .constant(.negativeInfinity)),
            ("Constant E", Cereal.renumbered(e, 1), .constant(.e)),
            ("NaN", Cereal.node(1, type: 8), .constant(.nan)),
            ("BooleanAtom", Cereal.node(1, type: 97) + [1], .boolean(true)),
        ]
        for (label, body, expected) in cases {
            let payload = Cereal.payload(body)
            #expect(try Expression(symengine: payload) == expected, "\(label)")
            #expect(try expected.symengineBytes() == payload, "\(label)")
        }
        let complexTerms = try Expression(symengine: Self.bytes(Vectors.v0_13.first { $0.name == "complex_exact" }?.hex ?? ""))
        guard case .add(let parts) = complexTerms else { Issue.record("not an Add"); return }
        let three = try #require(Self.number(.integer(3)))
        let four = try #require(Self.number(.integer(4)))
        #expect(parts.contains(.mul([.complex(real: three, imaginary: four), x])))
    }

    // MARK: - Canonical encoding of trees from sympy text

    @Test("sympy srepr trees encode to canonical symengine",
          arguments: [
              ("Mul(Integer(-1), Rational(1, 2), Symbol('x'))", "Mul(Rational(-1, 2), Symbol('x'))"),
              ("Add(Float('1.0', precision=53), Mul(Float('2.0', precision=53), I))", nil),
              ("Mul(Symbol('x'), Pow(Symbol('y'), Integer(-1)))", "Mul(Symbol('x'), Pow(Symbol('y'), Integer(-1)))"),
              ("Pow(Integer(2), Integer(-1))", "Rational(1, 2)"),
              ("Mul(Symbol('x'), Symbol('x'))", "Pow(Symbol('x'), Integer(2))"),
              ("Mul(Symbol('x'), Pow(Symbol('x'), Integer(-1)))", "Integer(1)"),
              ("Add(Symbol('x'), Mul(Integer(-1), Symbol('x')))", "Integer(0)"),
              ("Add(Symbol('x'), Integer(0))", "Symbol('x')"),
              ("Add(Mul(Integer(2), Symbol('x')), Mul(Integer(3), Symbol('x')))", "Mul(Integer(5), Symbol('x'))"),
              ("Add(Integer(1), Symbol('x'), Integer(2))", "Add(Integer(3), Symbol('x'))"),
              ("Mul(Integer(2), Pow(Integer(2), Rational(1, 2)), Pow(Integer(2), Rational(1, 2)))", "Integer(4)"),
              ("Pow(Pow(Symbol('x'), Integer(2)), Integer(3))", "Pow(Symbol('x'), Integer(6))"),
              ("Pow(Mul(Integer(2), Symbol('x')), Integer(2))", "Mul(Integer(4), Pow(Symbol('x'), Integer(2)))"),
              ("Pow(Integer(2), Rational(3, 2))", "Mul(Integer(2), Pow(Integer(2), Rational(1, 2)))"),
              ("Mul(Float('0.5', precision=53), Integer(4))", "Float('2.0', precision=53)"),
              ("Mul(I, I)", "Integer(-1)"),
              ("exp(Symbol('x'))", "exp(Symbol('x'))"),
              ("Mul(exp(Symbol('x')), exp(Symbol('y')))", "exp(Add(Symbol('x'), Symbol('y')))"),
              ("GreaterThan(Symbol('t'), Integer(0))", "LessThan(Integer(0), Symbol('t'))"),
              ("StrictGreaterThan(Symbol('t'), Integer(0))", "StrictLessThan(Integer(0), Symbol('t'))"),
          ] as [(String, String?)])
    func canonicalEncoding(input: String, expected: String?) throws {
        let bytes = try Self.tree(input).symengineBytes()
        let decoded = try Expression(symengine: bytes)
        if let expected {
            #expect(decoded == (try Self.tree(expected)), "\(decoded.srepr)")
        } else {
            #expect(decoded == .complex(real: .float(1), imaginary: .float(2)))
        }
        // Canonical output is a fixed point.
        #expect(try decoded.symengineBytes() == bytes)
    }

    @Test("a Python complex with -0.0 keeps its signed zeros")
    func complexNegativeZero() throws {
        let tree = try Self.tree("Add(Float('-0.0', precision=53), Mul(Float('-2.0', precision=53), I))")
        let decoded = try Expression(symengine: tree.symengineBytes())
        #expect(decoded == .complex(real: .float(-0.0), imaginary: .float(-2.0)))
        // Float times I scales both parts, as symengine does: -2.0*I = (-0.0, -2.0).
        let scaled = try Expression(symengine: Self.tree("Mul(Float('-2.0', precision=53), I)").symengineBytes())
        #expect(scaled == .complex(real: .float(-0.0), imaginary: .float(-2.0)))
    }

    @Test("version header of the encoder", arguments: [SymengineVersion.v0_9, .v0_10, .v0_11, .v0_12, .v0_13])
    func encoderVersions(version: SymengineVersion) throws {
        let tree = try Self.tree("Piecewise(ExprCondPair(Symbol('x'), StrictLessThan(Symbol('x'), Integer(0))), ExprCondPair(Integer(0), true))")
        let bytes = try tree.symengineBytes(version: version)
        #expect(Array(bytes.prefix(5)) == [1, 0, 0, UInt8(version.minor), 0])
        let archive = try SymengineArchive(bytes: bytes)
        #expect(archive.version == version)
        #expect(archive.root == tree)
        #expect(Array(bytes[9..<13]) == Cereal.u32(version == .v0_9 ? 93 : 94))
    }

    @Test("trees symengine cannot hold are rejected with the node named")
    func encodingErrors() throws {
        for (srepr, fragment) in [("re(Symbol('x'))", "no class for re"), ("Pow(Integer(10), Integer(10000000))", "too large")] {
            let tree = try Self.tree(srepr)
            do {
                _ = try tree.symengineBytes()
                Issue.record("\(srepr) encoded")
            } catch {
                #expect(error.reason.contains(fragment), "\(error)")
            }
        }
        #expect(throws: SymengineEncodingError.self) { try Expression.symbol("x").symengineBytes(version: .init(major: 0, minor: 14)) }
        #expect(throws: SymengineEncodingError.self) { try Expression.and([.symbol("x")]).symengineBytes() }
    }

    // MARK: - Fixtures written by real Qiskit

    /// Every symengine payload in the fixtures: pulse envelope/constraints/valid_amp_conditions and
    /// ParameterExpressions, as (writer, case, hex).
    static func fixturePayloads() -> [(writer: String, label: String, hex: String)] {
        var result: [(writer: String, label: String, hex: String)] = []
        for (writer, pulse) in ExpressionFixtures.pulses {
            let forms = [("envelope", pulse.envelope), ("constraints", pulse.constraints), ("valid_amp_conditions", pulse.valid_amp_conditions)]
            for (field, form) in forms {
                if let hex = form?.symengine { result.append((writer, "\(pulse.case).\(field)", hex)) }
            }
        }
        for (writer, expression) in ExpressionFixtures.parameterExpressions {
            if let hex = expression.symengine { result.append((writer, expression.case, hex)) }
        }
        return result
    }

    /// Every srepr text in the fixtures.
    static func fixtureSreprs() -> [(writer: String, label: String, text: String)] {
        var result: [(writer: String, label: String, text: String)] = []
        for (writer, pulse) in ExpressionFixtures.pulses {
            let forms = [("envelope", pulse.envelope), ("constraints", pulse.constraints), ("valid_amp_conditions", pulse.valid_amp_conditions)]
            for (field, form) in forms {
                if let text = form?.srepr { result.append((writer, "\(pulse.case).\(field)", text)) }
            }
        }
        for (writer, expression) in ExpressionFixtures.parameterExpressions {
            if let text = expression.srepr { result.append((writer, expression.case, text)) }
        }
        return result
    }

    @Test("every fixture symengine payload decodes and re-encodes byte-identically")
    func fixturePayloadsRoundTrip() throws {
        let payloads = Self.fixturePayloads()
        try #require(!payloads.isEmpty, "no symengine payloads under Tests/Fixtures/expressions")
        var checked: [String: Int] = [:]
        for (writer, label, hex) in payloads {
            let payload = try #require(Hex.bytes(hex), "\(writer) \(label): bad hex")
            let recoded: [UInt8]
            do {
                recoded = try SymengineArchive(bytes: payload).bytes()
            } catch {
                Issue.record("\(writer) \(label): \(error)")
                continue
            }
            #expect(recoded == payload, "\(writer) \(label) differs after re-encoding")
            checked[writer, default: 0] += 1
        }
        #expect(checked.values.reduce(0, +) == payloads.count)
        #expect(Set(checked.keys) == Set(payloads.map(\.writer)), "writers checked: \(checked.keys.sorted())")
    }

    @Test("every fixture srepr encodes to a symengine payload that decodes again")
    func fixtureSreprCrossEncodes() throws {
        let texts = Self.fixtureSreprs()
        try #require(!texts.isEmpty, "no srepr texts under Tests/Fixtures/expressions")
        for (writer, label, text) in texts {
            do {
                let tree = try Expression(srepr: text)
                let bytes = try tree.symengineBytes()
                let decoded = try Expression(symengine: bytes)
                #expect(Set(decoded.symbolNames).isSubset(of: Set(tree.symbolNames)), "\(writer) \(label)")
                // Canonical output is a fixed point of decode → encode.
                #expect(try decoded.symengineBytes() == bytes, "\(writer) \(label)")
            } catch {
                Issue.record("\(writer) \(label): \(error)")
            }
        }
    }

    // MARK: - Hostile input

    @Test("every truncated prefix of a real payload fails with a ByteDecodingError")
    func truncatedPrefixes() throws {
        let payload = Self.bytes(try #require(Vectors.v0_13.first { $0.name == "numbers" }).hex)
        for length in 0..<payload.count {
            let error = Self.decodeError(Array(payload.prefix(length)))
            #expect(error != nil, "prefix of \(length) bytes decoded")
            if let error { #expect(error.offset <= length, "offset \(error.offset) beyond the \(length) bytes") }
        }
    }

    @Test("an inflated container count fails before allocating", arguments: [
        ("Max args", [UInt8]() + Cereal.node(1, type: 78) + Cereal.u64(1 << 63)),
        ("Add dict", Cereal.node(1, type: 16) + Cereal.integer(2, "0") + Cereal.u64(1 << 63)),
        ("Symbol name", Cereal.node(1, type: 13) + [0] + Cereal.u64(1 << 63)),
        ("Piecewise branches", Cereal.node(1, type: 94) + Cereal.u64(.max)),
    ])
    func inflatedCount(label: String, body: [UInt8]) throws {
        let error = try #require(Self.decodeError(Cereal.payload(body)), "\(label)")
        #expect(error.reason.contains("exceeds"), "\(label): \(error)")
    }

    @Test("nesting 10^6 levels deep fails with a depth error, without overflowing the stack")
    func deepNesting() throws {
        let depth = 1_000_000
        var body: [UInt8] = []
        body.reserveCapacity(depth * 8 + 32)
        for id in 1...depth { body += Cereal.node(UInt32(id), type: 35) }
        body += Cereal.symbol(UInt32(depth + 1), "x")
        let error = try #require(Self.decodeError(Cereal.payload(body)))
        let limit = ExpressionLimits.default.maximumDepth
        #expect(error.reason.contains("nested deeper than \(limit) levels"))
        #expect(error.offset == 5 + limit * 8)
        #expect(error.path.steps.count > 100)
    }

    @Test("a 10^5-digit Integer fails with a clear error")
    func hugeInteger() throws {
        let digits = String(repeating: "7", count: 100_000)
        let error = try #require(Self.decodeError(Cereal.payload(Cereal.integer(1, digits))))
        #expect(error.reason == "Integer has 100000 characters, more than the limit of 5000 digits")
        #expect(error.offset == 13)
        // Within a raised limit it decodes.
        let limits = ExpressionLimits(maximumIntegerDigits: 100_000)
        #expect(Self.decodeError(Cereal.payload(Cereal.integer(1, digits)), limits: limits) == nil)
    }

    @Test("malformed payloads fail with the reason and offset", arguments: [
        // (label, payload, expected reason fragment, expected offset)
        ("unknown type id 200", Cereal.payload(Cereal.node(1, type: 200)), "unknown type id 200", 9),
        ("unsupported FunctionSymbol", Cereal.payload(Cereal.node(1, type: 73)), "unsupported symengine type id 73 (FunctionSymbol)", 9),
        ("unsupported Derivative", Cereal.payload(Cereal.node(1, type: 75)), "(Derivative)", 9),
        ("header minor 14", [1, 0, 0, 14, 0] + Cereal.node(1, type: 13), "0.14", 1),
        ("header major 1", [1, 1, 0, 13, 0] + Cereal.node(1, type: 13), "symengine 1.13", 1),
        ("header minor 8", [1, 0, 0, 8, 0] + Cereal.node(1, type: 13), "only 0.9 to 0.13", 1),
        ("big-endian archive", [0, 0, 0, 0, 13], "big-endian", 0),
        ("not a payload", Array("Symbol('x')".utf8), "not a symengine payload", 0),
        ("empty", [], "truncated", 0),
        ("trailing bytes", Cereal.payload(Cereal.symbol(1, "x") + [0]), "1 trailing bytes", 23),
        ("node id 0", Cereal.payload(Cereal.u32(0x8000_0000)), "node id 0", 5),
        ("forward back-reference", Cereal.payload(Cereal.node(1, type: 105) + Cereal.u32(7)), "back-reference to node 7", 13),
        ("cyclic back-reference", Cereal.payload(Cereal.node(1, type: 35) + Cereal.u32(1)), "still being decoded", 13),
        ("duplicate node number", Cereal.payload(Cereal.node(1, type: 105) + Cereal.symbol(2, "x") + Cereal.symbol(2, "y")), "defined twice", 31),
        ("PySymbol", Cereal.payload(Cereal.node(1, type: 13) + [1]), "is_pysymbol = 1", 13),
        ("bool byte 2", Cereal.payload(Cereal.node(1, type: 97) + [2]), "not a bool", 13),
        ("Integer with letters", Cereal.payload(Cereal.integer(1, "12a")), "not a decimal integer", 21),
        ("empty Integer", Cereal.payload(Cereal.integer(1, "")), "not a decimal integer", 21),
        ("Rational over zero", Cereal.payload(Cereal.node(1, type: 1) + Cereal.integer(2, "1") + Cereal.integer(3, "0")), "denominator must be a non-zero Integer", 30),
        ("symbolic Mul coefficient", Cereal.payload(Cereal.node(1, type: 15) + Cereal.symbol(2, "x")), "coefficient must be a symengine Number", 13),
        ("Complex of floats", Cereal.payload(Cereal.node(1, type: 2) + Cereal.node(2, type: 6) + Cereal.u64(0) + Cereal.integer(3, "1")), "real part must be an Integer or Rational", 13),
        ("Infty direction 2", Cereal.payload(Cereal.node(1, type: 7) + Cereal.integer(2, "2")), "direction must be", 13),
        ("unknown constant", Cereal.payload(Cereal.node(1, type: 31) + Cereal.u64(3) + Array("tau".utf8)), "unknown symengine constant 'tau'", 13),
        ("invalid UTF-8 name", Cereal.payload(Cereal.node(1, type: 13) + [0] + Cereal.u64(1) + [0xFF]), "not valid UTF-8", 22),
    ] as [(String, [UInt8], String, Int)])
    func malformed(label: String, payload: [UInt8], reason: String, offset: Int) throws {
        let error = try #require(Self.decodeError(payload), "\(label) decoded")
        #expect(error.reason.contains(reason), "\(label): \(error)")
        #expect(error.offset == offset, "\(label): \(error)")
    }

    @Test("errors name the element path")
    func elementPath() throws {
        // Mul(1, {x: 2, y: <truncated exponent>})
        let body = Cereal.node(1, type: 15) + Cereal.integer(2, "1") + Cereal.u64(2)
            + Cereal.symbol(3, "x") + Cereal.integer(4, "2") + Cereal.symbol(5, "y") + Cereal.node(6, type: 0)
        let error = try #require(Self.decodeError(Cereal.payload(body)))
        #expect(error.path.description == "symengine > Mul > dict entry 1 > exponent > Integer")
        #expect(error.reason.contains("truncated"))
    }

    @Test("node and size limits apply to back-references too")
    func backReferenceBlowUp() throws {
        // Pow(Pow(…Pow(x, x)…), <the inner Pow>): every level refers to the one inside it twice, so
        // the tree has 2^40 nodes when expanded. The node limit stops it.
        var chain: [UInt8] = []
        var id: UInt32 = 1
        for _ in 0..<40 { chain += Cereal.node(id, type: 17); id += 1 }
        chain += Cereal.symbol(id, "x")
        let innermost = id
        chain += Cereal.u32(innermost)
        for level in stride(from: id - 1, through: 2, by: -1) { chain += Cereal.u32(level) }
        let error = try #require(Self.decodeError(Cereal.payload(chain), limits: ExpressionLimits(maximumNodes: 100_000)))
        #expect(error.reason.contains("more than 100000 nodes"), "\(error)")
    }
}

/// Little builders for hand-made cereal payloads.
private enum Cereal {
    /// The 5-byte header of a 0.13 payload followed by `body`.
    static func payload(_ body: [UInt8], minor: UInt8 = 13) -> [UInt8] { [1, 0, 0, minor, 0] + body }

    static func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func node(_ id: UInt32, type: UInt32) -> [UInt8] { u32(id | 0x8000_0000) + u32(type) }
    static func symbol(_ id: UInt32, _ name: String) -> [UInt8] {
        node(id, type: 13) + [0] + u64(UInt64(name.utf8.count)) + Array(name.utf8)
    }
    /// A node built with id 0, given its real number.
    static func renumbered(_ node: [UInt8], _ id: UInt32) -> [UInt8] { u32(id | 0x8000_0000) + node.dropFirst(4) }
    static func integer(_ id: UInt32, _ digits: String) -> [UInt8] {
        node(id, type: 0) + u64(UInt64(digits.utf8.count)) + Array(digits.utf8)
    }
}

/// Payloads written by the symengine wheels (scratch script: one expression per supported class
/// family, `Basic.__reduce__()[1][0].hex()`).
private enum Vectors {
    /// Written by the symengine 0.13.0 wheel (`Basic.__reduce__()[1][0]`).
    static let v0_13: [(name: String, hex: String)] = [
        ("functions", """
            0100000d00010000801000000002000080000000000100000000000000300a00000000000000030000802c00000004000080
            0d0000000001000000000000007a0500008000000000010000000000000031060000802b000000070000800d000000000100
            000000000000790800008000000000010000000000000031090000802e0000000a0000800d00000000010000000000000078
            0b000080000000000100000000000000310c0000802d0000000d0000800d0000000001000000000000007a0e000080000000
            000100000000000000310f0000802a000000100000800d000000000100000000000000791100008000000000010000000000
            0000311200008029000000130000800d00000000010000000000000078140000800000000001000000000000003115000080
            0f000000160000800000000001000000000000003102000000000000001700008026000000180000800d0000000001000000
            000000007819000080000000000100000000000000311a000080270000001b0000800d000000000100000000000000791c00
            0080000000000100000000000000311d000080000000000100000000000000311e000080280000001f0000800d0000000001
            000000000000007a2000008000000000010000000000000031210000800f0000002200008000000000010000000000000031
            02000000000000002300008024000000240000800d0000000001000000000000007925000080000000000100000000000000
            312600008025000000270000800d0000000001000000000000007a2800008000000000010000000000000031290000800000
            00000100000000000000312a000080230000002b0000800d000000000100000000000000782c000080000000000100000000
            00000031
            """),
        ("hyperbolic", """
            0100000d00010000801000000002000080000000000100000000000000300c00000000000000030000803b00000004000080
            0d0000000001000000000000007a0500008000000000010000000000000031060000803a000000070000800d000000000100
            00000000000078080000800000000001000000000000003109000080330000000a0000800d00000000010000000000000079
            0b000080000000000100000000000000310c000080390000000d0000800d0000000001000000000000007a0e000080000000
            000100000000000000310f00008035000000100000800d0000000001000000000000007a1100008000000000010000000000
            0000311200008037000000130000800d00000000010000000000000079140000800000000001000000000000003115000080
            36000000160000800d0000000001000000000000007817000080000000000100000000000000311800008034000000190000
            800d000000000100000000000000791a000080000000000100000000000000311b000080320000001c0000800d0000000001
            00000000000000781d000080000000000100000000000000311e000080380000001f0000800d000000000100000000000000
            7920000080000000000100000000000000312100008031000000220000800d00000000010000000000000078230000800000
            00000100000000000000312400008030000000250000800d0000000001000000000000007826000080000000000100000000
            00000031
            """),
        ("special", """
            0100000d00010000801000000002000080000000000100000000000000300d00000000000000030000804800000004000080
            0d00000000010000000000000079050000800d00000000010000000000000078060000800000000001000000000000003107
            00008045000000080000800d00000000010000000000000078090000800d000000000100000000000000790a000080000000
            000100000000000000310b0000803f0000000c0000800d000000000100000000000000780d0000800d000000000100000000
            000000790e000080000000000100000000000000310f0000803d000000100000800d00000000010000000000000078110000
            800d000000000100000000000000791200008000000000010000000000000031130000802f000000140000800d0000000001
            0000000000000079150000800d00000000010000000000000078160000800000000001000000000000003117000080470000
            00180000800d0000000001000000000000007819000080000000000100000000000000311a000080430000001b0000800d00
            00000001000000000000007a1c000080000000000100000000000000311d000080420000001e0000800d0000000001000000
            00000000791f000080000000000100000000000000312000008044000000210000800d000000000100000000000000782200
            00800d0000000001000000000000007923000080000000000100000000000000312400008041000000250000800d00000000
            01000000000000007826000080000000000100000000000000312700008046000000280000800d0000000001000000000000
            0078290000800d000000000100000000000000792a000080000000000100000000000000312b0000803e0000002c0000800d
            000000000100000000000000792d000080000000000100000000000000312e0000803c0000002f0000800d00000000010000
            0000000000783000008000000000010000000000000031
            """),
        ("misc", """
            0100000d00010000801000000002000080000000000100000000000000300900000000000000030000807900000004000080
            1000000005000080000000000100000000000000310100000000000000060000800d00000000010000000000000078070000
            8000000000010000000000000031080000800000000001000000000000003109000080210000000a0000800d000000000100
            000000000000790b000080000000000100000000000000310c000080200000000d0000800d00000000010000000000000078
            0e000080000000000100000000000000310f0000801d000000100000800d0000000001000000000000007a11000080000000
            000100000000000000311200008022000000130000800d0000000001000000000000007a1400008000000000010000000000
            000031150000801e000000160000800d00000000010000000000000079170000800000000001000000000000003118000080
            4f000000020000000000000019000080000000000100000000000000321a0000800d000000000100000000000000781b0000
            80000000000100000000000000311c0000804e00000003000000000000001d0000800d000000000100000000000000781e00
            00800d000000000100000000000000791f0000800d0000000001000000000000007a20000080000000000100000000000000
            31210000804d000000220000800d000000000100000000000000782300008000000000010000000000000031
            """),
        ("numbers", """
            0100000d00010000801000000002000080000000000100000000000000300700000000000000030000800f00000004000080
            000000000100000000000000310200000000000000050000801f000000010000000000000045060000800000000001000000
            0000000031070000801f00000002000000000000007069080000800000000001000000000000003109000080000000000100
            000000000000310a0000800f0000000b0000800000000001000000000000003102000000000000000c0000800d0000000001
            00000000000000780d000080000000000100000000000000310e0000800d0000000001000000000000007a0f000080000000
            0001000000000000003110000080030000001100008006000000000000000000f83f120000800600000000000000000004c0
            130000800f00000014000080000000000100000000000000310200000000000000150000800d000000000100000000000000
            781600008000000000010000000000000031170000800d000000000100000000000000791800008000000000010000000000
            0000311900008000000000290000000000000031303030303030303030303030303030303030303030303030303030303030
            303030303030303030301a0000800d0000000001000000000000007a1b0000800600000000000000000004401c0000800f00
            00001d0000800000000001000000000000003103000000000000001e0000801f0000000700000000000000436174616c616e
            1f00008000000000010000000000000031200000801f0000000a0000000000000045756c657247616d6d6121000080000000
            00010000000000000031220000801f0000000b00000000000000476f6c64656e526174696f23000080000000000100000000
            000000312400008000000000010000000000000031250000800d000000000100000000000000792600008002000000270000
            80000000000100000000000000302800008000000000010000000000000032290000800d000000000100000000000000782a
            000080010000002b0000800000000002000000000000002d332c00008000000000010000000000000037
            """),
        ("infinities", """
            0100000d00010000805e00000005000000000000000200008007000000030000800000000001000000000000003104000080
            69000000050000800d0000000001000000000000007806000080000000000100000000000000300700008007000000080000
            800000000002000000000000002d3109000080680000000a0000800d000000000100000000000000790b0000800000000001
            00000000000000310c000080070000000d000080000000000100000000000000300e000080660000000f0000800d00000000
            010000000000000078100000800d0000000001000000000000007911000080080000001200008067000000130000800d0000
            0000010000000000000078140000800d0000000001000000000000007a150000800d00000000010000000000000078160000
            806100000001
            """),
        ("logic", """
            0100000d00010000805e00000002000000000000000200008000000000010000000000000031030000806300000003000000
            000000000400008069000000050000800d00000000010000000000000078060000800d000000000100000000000000790700
            0080640000000200000000000000080000806700000009000080000000000100000000000000310a0000800d000000000100
            000000000000780b000080680000000c0000800d000000000100000000000000790d0000800d000000000100000000000000
            7a0e0000806500000002000000000000000f00008069000000100000800d0000000001000000000000007911000080000000
            000100000000000000311200008069000000130000800d000000000100000000000000781400008000000000010000000000
            0000311500008000000000010000000000000032160000806100000001
            """),
        ("powers", """
            0100000d00010000801000000002000080000000000100000000000000300300000000000000030000800f00000004000080
            0000000001000000000000003102000000000000000500008000000000010000000000000032060000800100000007000080
            000000000100000000000000310800008000000000010000000000000032090000800d000000000100000000000000780a00
            0080000000000100000000000000310b000080000000000100000000000000310c000080110000000d0000801f0000000100
            000000000000450e000080100000000f000080000000000100000000000000300200000000000000100000800d0000000001
            00000000000000791100008000000000010000000000000031120000800d0000000001000000000000007813000080000000
            000100000000000000311400008000000000010000000000000031150000800f000000160000800000000001000000000000
            003105000000000000001700008000000000010000000000000032180000800d00000000010000000000000078190000800d
            000000000100000000000000781a0000800d000000000100000000000000791b0000800d0000000001000000000000007a1c
            0000800000000002000000000000002d311d0000801f0000000100000000000000451e0000800d0000000001000000000000
            00791f0000801000000020000080000000000100000000000000310100000000000000210000800d00000000010000000000
            0000782200008000000000010000000000000031230000800100000024000080000000000100000000000000312500008000
            0000000100000000000000322600008000000000010000000000000031
            """),
        ("complex_exact", """
            0100000d00010000801000000002000080020000000300008000000000010000000000000030040000800000000001000000
            00000000310200000000000000050000800d0000000001000000000000007906000080020000000700008000000000010000
            000000000030080000800100000009000080000000000100000000000000310a000080000000000100000000000000320b00
            00800d000000000100000000000000780c000080020000000d000080000000000100000000000000330e0000800000000001
            0000000000000034
            """),
        ("negzero", """
            0100000d00010000801000000002000080000000000100000000000000300200000000000000030000800d00000000010000
            00000000007a0400008003000000050000800600000000000000000000800600008006000000000000000000f03f07000080
            0d000000000100000000000000790800008000000000010000000000000031
            """),
    ]

    /// The same expressions written by the symengine 0.9.2 wheel (shifted type ids).
    static let v0_9: [(name: String, hex: String)] = [
        ("functions", """
            0100000900010000801000000002000080000000000100000000000000300a00000000000000030000802c00000004000080
            0d0000000001000000000000007a0500008000000000010000000000000031060000802b000000070000800d000000000100
            000000000000790800008000000000010000000000000031090000802e0000000a0000800d00000000010000000000000078
            0b000080000000000100000000000000310c0000802d0000000d0000800d0000000001000000000000007a0e000080000000
            000100000000000000310f0000802a000000100000800d000000000100000000000000791100008000000000010000000000
            0000311200008029000000130000800d00000000010000000000000078140000800000000001000000000000003115000080
            0f000000160000800000000001000000000000003102000000000000001700008026000000180000800d0000000001000000
            000000007819000080000000000100000000000000311a000080270000001b0000800d000000000100000000000000791c00
            0080000000000100000000000000311d000080000000000100000000000000311e000080280000001f0000800d0000000001
            000000000000007a2000008000000000010000000000000031210000800f0000002200008000000000010000000000000031
            02000000000000002300008024000000240000800d0000000001000000000000007925000080000000000100000000000000
            312600008025000000270000800d0000000001000000000000007a2800008000000000010000000000000031290000800000
            00000100000000000000312a000080230000002b0000800d000000000100000000000000782c000080000000000100000000
            00000031
            """),
        ("hyperbolic", """
            0100000900010000801000000002000080000000000100000000000000300c00000000000000030000803b00000004000080
            0d0000000001000000000000007a0500008000000000010000000000000031060000803a000000070000800d000000000100
            00000000000078080000800000000001000000000000003109000080330000000a0000800d00000000010000000000000079
            0b000080000000000100000000000000310c000080390000000d0000800d0000000001000000000000007a0e000080000000
            000100000000000000310f00008035000000100000800d0000000001000000000000007a1100008000000000010000000000
            0000311200008037000000130000800d00000000010000000000000079140000800000000001000000000000003115000080
            36000000160000800d0000000001000000000000007817000080000000000100000000000000311800008034000000190000
            800d000000000100000000000000791a000080000000000100000000000000311b000080320000001c0000800d0000000001
            00000000000000781d000080000000000100000000000000311e000080380000001f0000800d000000000100000000000000
            7920000080000000000100000000000000312100008031000000220000800d00000000010000000000000078230000800000
            00000100000000000000312400008030000000250000800d0000000001000000000000007826000080000000000100000000
            00000031
            """),
        ("special", """
            0100000900010000801000000002000080000000000100000000000000300d00000000000000030000804800000004000080
            0d00000000010000000000000079050000800d00000000010000000000000078060000800000000001000000000000003107
            00008045000000080000800d00000000010000000000000078090000800d000000000100000000000000790a000080000000
            000100000000000000310b0000803f0000000c0000800d000000000100000000000000780d0000800d000000000100000000
            000000790e000080000000000100000000000000310f0000803d000000100000800d00000000010000000000000078110000
            800d000000000100000000000000791200008000000000010000000000000031130000802f000000140000800d0000000001
            0000000000000079150000800d00000000010000000000000078160000800000000001000000000000003117000080470000
            00180000800d0000000001000000000000007819000080000000000100000000000000311a000080430000001b0000800d00
            00000001000000000000007a1c000080000000000100000000000000311d000080420000001e0000800d0000000001000000
            00000000791f000080000000000100000000000000312000008044000000210000800d000000000100000000000000782200
            00800d0000000001000000000000007923000080000000000100000000000000312400008041000000250000800d00000000
            01000000000000007826000080000000000100000000000000312700008046000000280000800d0000000001000000000000
            0078290000800d000000000100000000000000792a000080000000000100000000000000312b0000803e0000002c0000800d
            000000000100000000000000792d000080000000000100000000000000312e0000803c0000002f0000800d00000000010000
            0000000000783000008000000000010000000000000031
            """),
        ("misc", """
            0100000900010000801000000002000080000000000100000000000000300900000000000000030000802100000004000080
            0d0000000001000000000000007905000080000000000100000000000000310600008020000000070000800d000000000100
            000000000000780800008000000000010000000000000031090000801d0000000a0000800d0000000001000000000000007a
            0b000080000000000100000000000000310c0000806d0000000d000080100000000e00008000000000010000000000000031
            01000000000000000f0000800d00000000010000000000000078100000800000000001000000000000003111000080000000
            000100000000000000311200008022000000130000800d0000000001000000000000007a1400008000000000010000000000
            000031150000801e000000160000800d00000000010000000000000079170000800000000001000000000000003118000080
            4f000000020000000000000019000080000000000100000000000000321a0000800d000000000100000000000000781b0000
            80000000000100000000000000311c0000804e00000003000000000000001d0000800d000000000100000000000000781e00
            00800d000000000100000000000000791f0000800d0000000001000000000000007a20000080000000000100000000000000
            31210000804d000000220000800d000000000100000000000000782300008000000000010000000000000031
            """),
        ("numbers", """
            0100000900010000801000000002000080000000000100000000000000300700000000000000030000800f00000004000080
            000000000100000000000000310200000000000000050000801f000000010000000000000045060000800000000001000000
            0000000031070000801f00000002000000000000007069080000800000000001000000000000003109000080000000000100
            000000000000310a0000800f0000000b0000800000000001000000000000003102000000000000000c0000800d0000000001
            00000000000000780d000080000000000100000000000000310e0000800d0000000001000000000000007a0f000080000000
            0001000000000000003110000080030000001100008006000000000000000000f83f120000800600000000000000000004c0
            130000800f00000014000080000000000100000000000000310200000000000000150000800d000000000100000000000000
            781600008000000000010000000000000031170000800d000000000100000000000000791800008000000000010000000000
            0000311900008000000000290000000000000031303030303030303030303030303030303030303030303030303030303030
            303030303030303030301a0000800d0000000001000000000000007a1b0000800600000000000000000004401c0000800f00
            00001d0000800000000001000000000000003103000000000000001e0000801f0000000700000000000000436174616c616e
            1f00008000000000010000000000000031200000801f0000000a0000000000000045756c657247616d6d6121000080000000
            00010000000000000031220000801f0000000b00000000000000476f6c64656e526174696f23000080000000000100000000
            000000312400008000000000010000000000000031250000800d000000000100000000000000792600008002000000270000
            80000000000100000000000000302800008000000000010000000000000032290000800d000000000100000000000000782a
            000080010000002b0000800000000002000000000000002d332c00008000000000010000000000000037
            """),
        ("infinities", """
            0100000900010000805d00000005000000000000000200008007000000030000800000000001000000000000003104000080
            68000000050000800d0000000001000000000000007806000080000000000100000000000000300700008007000000080000
            800000000002000000000000002d3109000080670000000a0000800d000000000100000000000000790b0000800000000001
            00000000000000310c000080070000000d000080000000000100000000000000300e000080650000000f0000800d00000000
            010000000000000078100000800d0000000001000000000000007911000080080000001200008066000000130000800d0000
            0000010000000000000078140000800d0000000001000000000000007a150000800d00000000010000000000000078160000
            806000000001
            """),
        ("logic", """
            0100000900010000805d00000003000000000000000200008000000000010000000000000031030000806200000003000000
            000000000400008068000000050000800d00000000010000000000000078060000800d000000000100000000000000790700
            0080630000000200000000000000080000806600000009000080000000000100000000000000310a0000800d000000000100
            000000000000780b000080670000000c0000800d000000000100000000000000790d0000800d000000000100000000000000
            7a0e0000806400000002000000000000000f00008068000000100000800d0000000001000000000000007811000080000000
            000100000000000000311200008068000000130000800d000000000100000000000000791400008000000000010000000000
            0000311500008000000000010000000000000030160000806000000000170000800000000001000000000000003218000080
            6000000001
            """),
        ("powers", """
            0100000900010000801000000002000080000000000100000000000000300300000000000000030000800f00000004000080
            0000000001000000000000003102000000000000000500008000000000010000000000000032060000800100000007000080
            000000000100000000000000310800008000000000010000000000000032090000800d000000000100000000000000780a00
            0080000000000100000000000000310b000080000000000100000000000000310c000080110000000d0000801f0000000100
            000000000000450e000080100000000f000080000000000100000000000000300200000000000000100000800d0000000001
            00000000000000791100008000000000010000000000000031120000800d0000000001000000000000007813000080000000
            000100000000000000311400008000000000010000000000000031150000800f000000160000800000000001000000000000
            003105000000000000001700008000000000010000000000000032180000800d00000000010000000000000078190000800d
            000000000100000000000000781a0000800d000000000100000000000000791b0000800d0000000001000000000000007a1c
            0000800000000002000000000000002d311d0000801f0000000100000000000000451e0000800d0000000001000000000000
            00791f0000801000000020000080000000000100000000000000310100000000000000210000800d00000000010000000000
            0000782200008000000000010000000000000031230000800100000024000080000000000100000000000000312500008000
            0000000100000000000000322600008000000000010000000000000031
            """),
        ("complex_exact", """
            0100000900010000801000000002000080020000000300008000000000010000000000000030040000800000000001000000
            00000000310200000000000000050000800d0000000001000000000000007906000080020000000700008000000000010000
            000000000030080000800100000009000080000000000100000000000000310a000080000000000100000000000000320b00
            00800d000000000100000000000000780c000080020000000d000080000000000100000000000000330e0000800000000001
            0000000000000034
            """),
        ("negzero", """
            0100000900010000801000000002000080000000000100000000000000300200000000000000030000800d00000000010000
            00000000007a0400008003000000050000800600000000000000000000800600008006000000000000000000f03f07000080
            0d000000000100000000000000790800008000000000010000000000000031
            """),
    ]
}
