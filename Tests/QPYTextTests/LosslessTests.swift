import Testing
import QPYConv
import QPYExpression
import QPYText
import QPYTestSupport

/// IR the real-Qiskit fixtures do not contain, written as text and read back: everything must
/// come back identical, and the text must be canonical.
@Suite struct LosslessTests {
    static func uuid(_ n: UInt64) -> ParameterUUID { ParameterUUID(high: 0x1234, low: n) }
    static let amp = Parameter(name: "amp", uuid: uuid(1))

    static func file(_ blocks: [ScheduleBlock], version: Int = 13, encoding: SymbolicEncoding? = .symengine,
                     qiskit: QiskitVersion = QiskitVersion(major: 1, minor: 4, patch: 6)) -> QPYFile {
        QPYFile(header: QPYFileHeader(version: version, qiskitVersion: qiskit, symbolicEncoding: encoding), programs: .scheduleBlocks(blocks))
    }

    static func block(_ instructions: [PulseInstruction], name: String = "b") -> ScheduleBlock {
        ScheduleBlock(name: name, elements: instructions.map(ScheduleElement.instruction))
    }

    static func shift(_ value: Value, _ channel: Channel = Channel(kind: .drive, index: .integer(0))) -> PulseInstruction {
        PulseInstruction(kind: .shiftPhase, operands: [.value(value), .channel(channel)])
    }

    static func expression(_ infix: String, _ symbols: [ParameterSymbol], payload: ParameterExpression.Payload? = nil) -> Value {
        let tree = try! Expression(infix: infix)
        var uuids: [String: ParameterUUID] = [:]
        for symbol in symbols { uuids[symbol.name] = symbol.uuid }
        let program = try? ReplayProgram(expression: tree, symbols: uuids)
        return .expression(ParameterExpression(expression: tree, symbols: symbols.map(SymbolMapEntry.symbol),
                                               payload: payload ?? .replay(program)))
    }

    /// IR -> text -> IR is the identity and the text is canonical.
    func expectLossless(_ file: QPYFile, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let text = file.qpyasmString()
        let back = try QPYFile(qpyasm: text, fileName: "lossless.qpyasm")
        #expect(back == file, "\(text)", sourceLocation: sourceLocation)
        #expect(back.qpyasmString() == text, sourceLocation: sourceLocation)
    }

    @Test func numbersAndStrings() throws {
        let values: [Value] = [
            .integer(.min), .integer(.max), .integer(0), .float(-0.0), .float(.nan), .float(.infinity), .float(-.infinity),
            .float(Double(bitPattern: 0x7FF8_0000_0000_0001)), .float(.leastNonzeroMagnitude), .float(1e300), .float(0.1),
            .complex(real: 0.2, imaginary: -0.0), .complex(real: -0.0, imaginary: 1e-5), .complex(real: .nan, imaginary: 2),
            .complex(real: 1, imaginary: -.infinity), .string("a \"quoted\"\nline ψ"), .string(""), .none,
        ]
        try expectLossless(Self.file([Self.block(values.map { Self.shift($0) })]))
    }

    @Test func awkwardParameterNames() throws {
        let names = ["None", "pi", "a b", "expr", "complex", "d0", "θ", "true", "w[0]", "x\"y"]
        let parameters = names.enumerated().map { Value.parameter(Parameter(name: $0.element, uuid: Self.uuid(UInt64(10 + $0.offset)))) }
        let vector = ParameterVectorElement(vectorName: "θ vec", vectorSize: 3, index: 2, uuid: Self.uuid(99))
        try expectLossless(Self.file([Self.block(parameters.map { Self.shift($0) } + [Self.shift(.vectorElement(vector))])]))
    }

    @Test func sharedNames_getAliases() throws {
        let a1 = Parameter(name: "a", uuid: Self.uuid(1))
        let a2 = Parameter(name: "a", uuid: Self.uuid(2))
        let w0 = ParameterVectorElement(vectorName: "w", vectorSize: 2, index: 0, uuid: Self.uuid(3))
        let otherW0 = ParameterVectorElement(vectorName: "w", vectorSize: 2, index: 0, uuid: Self.uuid(4))
        let w1 = ParameterVectorElement(vectorName: "w", vectorSize: 2, index: 1, uuid: Self.uuid(5))
        let plainW0 = Parameter(name: "w[0]", uuid: Self.uuid(6))
        let file = Self.file([Self.block([
            Self.shift(.parameter(a1)), Self.shift(.parameter(a2)), Self.shift(Self.expression("a*2", [.parameter(a2)])),
            Self.shift(.vectorElement(w0)), Self.shift(.vectorElement(otherW0)), Self.shift(.vectorElement(w1)), Self.shift(.parameter(plainW0)),
        ])])
        let text = file.qpyasmString()
        #expect(text.contains("param a_2 = 00000000-0000-1234-0000-000000000002, name=\"a\"\n"))
        #expect(text.contains("vector w_2[2], name=\"w\"\n"))
        #expect(text.contains("    shift_phase a_2*2, d0\n"))
        try expectLossless(file)
    }

    @Test func expressionsThatLookLikeOtherValues() throws {
        let x = ParameterSymbol.parameter(Parameter(name: "x", uuid: Self.uuid(7)))
        let values: [Value] = [
            Self.expression("x", [x]), Self.expression("5", []), Self.expression("-2.5", []), Self.expression("complex(1, 2)", []),
            Self.expression("123456789012345678901234567890", []), Self.expression("1/3", []), Self.expression("pi", []),
            Self.expression("float(\"nan\")", []), Self.expression("x**2 + 1", [x], payload: .srepr),
            Self.expression("x + 1", [x], payload: .symengine(.v0_11)),
            Self.expression("x - 1", [x], payload: .replay(try ReplayProgram(expression: try Expression(infix: "1 - x*1"), symbols: ["x": Self.uuid(7)]))),
        ]
        try expectLossless(Self.file([Self.block(values.map { Self.shift($0) })]))
        let text = Self.file([Self.block(values.map { Self.shift($0) })]).qpyasmString()
        #expect(text.contains("    shift_phase expr(x), d0\n"))
        #expect(text.contains("    shift_phase expr(5), d0\n"))
        #expect(text.contains("    shift_phase x**2 + 1 @qpy(encoding=\"srepr\"), d0\n"))
    }

    @Test func symbolMapsAndSymbolOrder() throws {
        let x = ParameterSymbol.parameter(Parameter(name: "x", uuid: Self.uuid(8)))
        let y = ParameterSymbol.parameter(Parameter(name: "y", uuid: Self.uuid(9)))
        let tree = try Expression(infix: "y*2")
        guard case .expression(let nested) = Self.expression("x*2", [x]) else { return }
        let mapped = ParameterExpression(expression: tree, symbols: [
            .symbol(y), SymbolMapEntry(key: .symbol(x), valueType: UInt8(ascii: "p"), value: [0, 1, 0x78]),
            SymbolMapEntry(key: .expression(nested), valueType: UInt8(ascii: "e"), value: []),
        ], payload: .replay(try ReplayProgram(expression: tree, symbols: ["y": Self.uuid(9)])))
        let reordered = ParameterExpression(expression: try Expression(infix: "x + y"), symbols: [.symbol(y), .symbol(x)], payload: .srepr)
        let none = ParameterSymbol.parameter(Parameter(name: "None", uuid: Self.uuid(10)))
        let spaced = ParameterSymbol.parameter(Parameter(name: "a b", uuid: Self.uuid(11)))
        let awkward = ParameterExpression(expression: try Expression(infix: "\"a b\" + None"), symbols: [
            .symbol(none), SymbolMapEntry(key: .symbol(spaced), valueType: UInt8(ascii: "p"), value: [1]),
        ], payload: .srepr)
        let awkwardOrder = ParameterExpression(expression: try Expression(infix: "\"a b\" + None"), symbols: [.symbol(none), .symbol(spaced)],
                                               payload: .srepr)
        try expectLossless(Self.file([Self.block([Self.shift(.expression(mapped)), Self.shift(.expression(reordered)),
                                                  Self.shift(.expression(awkward)), Self.shift(.expression(awkwardOrder))])]))
    }

    @Test func instructionsOutsideQiskitsShapes() throws {
        let d0 = Channel(kind: .drive, index: .integer(0))
        let kernel = AcquireProcessor(name: nil, parameters: [
            ProcessorParameter("name", .value(.string("not the name"))), ProcessorParameter("a b", .list([.value(.none), .dictionary([])])),
            ProcessorParameter("x", .value(.parameter(Self.amp))), ProcessorParameter("x", .value(.float(2))),
        ])
        let instructions = [
            PulseInstruction(kind: .acquire, operands: [.value(.integer(10)), .channel(Channel(kind: .acquire, index: .integer(0))),
                                                         .value(.parameter(Self.amp))], name: "odd"),
            PulseInstruction(kind: .reference, operands: [.string("x"), .waveform(Waveform(samples: [ComplexSample(1, 0)]))]),
            PulseInstruction(kind: .reference, operands: [.string("sub"), .string("name"), .string(""), .string("None")], name: "other"),
            PulseInstruction(kind: .reference, operands: [], name: nil),
            PulseInstruction(kind: .relativeBarrier, operands: [], name: "b"),
            PulseInstruction(kind: .play, operands: [.waveform(Waveform(samples: [], name: "w")), .channel(d0)], name: nil),
            PulseInstruction(kind: .delay, operands: [.value(.string("text")), .channel(Channel(kind: .registerSlot, index: .integer(-3)))]),
            PulseInstruction(kind: .acquire, operands: [.value(.integer(5)), .channel(Channel(kind: .acquire, index: .parameter(Self.amp))),
                                                         .value(.none), .channel(Channel(kind: .registerSlot, index: .integer(2))),
                                                         .kernel(kernel), .discriminator(AcquireProcessor(name: "d", parameters: []))]),
            PulseInstruction(kind: .setFrequency, operands: [.channel(d0), .value(.float(1))]),
        ]
        try expectLossless(Self.file([Self.block(instructions)]))
    }

    @Test func waveforms() throws {
        let d0 = Channel(kind: .drive, index: .integer(0))
        let long = Waveform(samples: (0..<20).map { ComplexSample(Double($0) / 7, $0 % 3 == 0 ? -0.0 : Double($0)) }, epsilon: 0.1,
                            limitAmplitude: false, name: "π/2 ψ")
        let odd = Waveform(samples: [ComplexSample(.nan, 0), ComplexSample(.infinity, -.infinity), ComplexSample(Double(bitPattern: 0x7FF8_0000_0000_0002), 1)],
                           epsilon: .nan, name: nil, storage: NumpyStorage(headerText: "2|{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }\n"))
        let shared = Waveform(samples: [ComplexSample(0.5, 0)], name: "Waveform")
        let file = Self.file([Self.block([
            PulseInstruction(kind: .play, operands: [.waveform(long), .channel(d0)], name: "π/2 ψ"),
            PulseInstruction(kind: .play, operands: [.waveform(odd), .channel(d0)]),
            PulseInstruction(kind: .play, operands: [.waveform(shared), .channel(d0)], name: "Waveform"),
            PulseInstruction(kind: .play, operands: [.waveform(shared), .channel(d0)], name: "Waveform"),
        ])])
        #expect(file.qpyasmString().contains("waveform waveform = Waveform([0.5], name=\"Waveform\")\n"))
        try expectLossless(file)
    }

    @Test func customPulses() throws {
        let d0 = Channel(kind: .drive, index: .integer(0))
        let envelope = SymbolicExpression(expression: try Expression(infix: "amp*t/duration"), encoding: .symengine(.v0_13))
        func pulse(_ type: String, _ parameters: [PulseParameter], envelope: SymbolicExpression?, className: String? = "SymbolicPulse",
                   constraints: SymbolicExpression? = nil) -> PulseInstruction {
            PulseInstruction(kind: .play, operands: [.symbolicPulse(SymbolicPulse(
                pulseType: type, className: className, duration: .integer(10), parameters: parameters, envelope: envelope,
                constraints: constraints, validAmplitudeConditions: nil, limitAmplitude: true, name: nil)), .channel(d0)])
        }
        let instructions = [
            pulse("Ramp", [PulseParameter("amp", .float(0.5))], envelope: envelope),
            pulse("Ramp", [PulseParameter("amp", .float(0.25))], envelope: envelope),
            pulse("Waveform", [PulseParameter("name", .integer(1)), PulseParameter("class", .none), PulseParameter("a b", .string("s"))],
                  envelope: SymbolicExpression(expression: .symbol("amp"), encoding: .srepr, compressedBytes: [1, 2, 3]), className: nil),
            pulse("Gaussian", [PulseParameter("sigma", .integer(4)), PulseParameter("amp", .float(0.1)), PulseParameter("angle", .float(0))],
                  envelope: SymbolicExpression(expression: try Expression(infix: "complex(1, 0)"), encoding: .symengine(.v0_11)),
                  className: "ScalableSymbolicPulse"),
            pulse("None", [], envelope: nil, className: "None", constraints: SymbolicExpression(expression: .boolean(true), encoding: .srepr)),
            pulse("Gaussian", [PulseParameter("amp", .integer(1)), PulseParameter("amp", .integer(2))], envelope: envelope),
        ]
        let file = Self.file([Self.block(instructions)])
        #expect(file.qpyasmString().contains("envelope Ramp_envelope = amp*t/duration\n"))
        try expectLossless(file)
    }

    @Test func standardPulsesInEveryPlace() throws {
        // A Drag written by Qiskit 1.4.6 in symengine, then placed where srepr is the default.
        let bytes = try FixtureFiles.bytes("schedules/qiskit-1.4.6/v13-symengine/calibration_x.qpy")
        guard case .scheduleBlocks(let blocks) = try Converter.read(bytes, as: .qpy).programs else { return }
        var root = ScheduleBlock(name: "root", elements: blocks[0].elements)
        root.references = [ScheduleReference(key: ["sub"], block: blocks[0])]
        let file = Self.file([root])
        #expect(file.qpyasmString().contains("@qpy(encoding=\"symengine-0.13\")"))
        try expectLossless(file)
    }

    @Test func blocksAndReferences() throws {
        var inner = ScheduleBlock(name: "left", metadata: .object([JSONMember("n", .number("NaN")), JSONMember("x", .number("1e+300"))]),
                                  alignment: AlignmentContext(kind: .equispaced, parameters: [.parameter(Self.amp)]))
        inner.references = [ScheduleReference(key: ["a", "b"], block: nil)]
        let odd = ScheduleBlock(name: "None", alignment: AlignmentContext(kind: .other(200), parameters: [.integer(1), .none]))
        let leftWithParameter = ScheduleBlock(name: "x y", alignment: AlignmentContext(kind: .left, parameters: [.float(2)]), references: nil)
        let stored = ScheduleBlock(name: "stored", metadata: .object([JSONMember("a", .number("1"))]),
                                   storage: BlockStorage(metadataText: "{\"a\": 1}"))
        let root = ScheduleBlock(name: "root", metadata: .array([.string("not an object")]), alignment: AlignmentContext(kind: .sequential),
                                 elements: [.block(inner), .block(odd), .block(leftWithParameter), .block(stored)],
                                 references: [ScheduleReference(key: ["sub", "q0"], block: ScheduleBlock(name: "sub", references: nil))])
        try expectLossless(Self.file([root, ScheduleBlock(name: "empty", references: [])]))
        try expectLossless(Self.file([ScheduleBlock(name: "old", references: [])], version: 6, encoding: nil))
    }

    @Test func headers() throws {
        for (version, encoding) in [(13, SymbolicEncoding.other(7)), (11, nil), (9, SymbolicEncoding.sympy), (5, nil)] as [(Int, SymbolicEncoding?)] {
            try expectLossless(Self.file([ScheduleBlock(name: "b", references: version >= 7 ? [] : nil)], version: version, encoding: encoding,
                                         qiskit: QiskitVersion(major: 0, minor: 22, patch: 4)))
        }
        let envelope = SymbolicExpression(expression: try Expression(infix: "amp"), encoding: .symengine(.v0_11))
        let pulse = SymbolicPulse(pulseType: "P", className: "SymbolicPulse", duration: .integer(1), parameters: [], envelope: envelope,
                                  constraints: nil, validAmplitudeConditions: nil, limitAmplitude: true, name: nil)
        let file = Self.file([Self.block([PulseInstruction(kind: .play, operands: [.symbolicPulse(pulse), .channel(Channel(kind: .drive, index: .integer(0)))])])],
                             version: 11)
        #expect(file.qpyasmString().hasPrefix("qpyasm 1\nqpy 11, qiskit=\"1.4.6\", symbolic=symengine, symengine=\"0.11\"\n"))
        try expectLossless(file)
    }

    @Test func storedMetadataText_isDroppedWhenTheMetadataIsEdited() throws {
        let kept = try QPYFile(qpyasm: """
            qpyasm 1
            schedule s @qpy(metadata_text="{ \\"a\\": 1 }") {
                metadata {"a": 1}
            }
            """)
        let edited = try QPYFile(qpyasm: """
            qpyasm 1
            schedule s @qpy(metadata_text="{ \\"a\\": 1 }") {
                metadata {"a": 2}
            }
            """)
        guard case .scheduleBlocks(let keptBlocks) = kept.programs, case .scheduleBlocks(let editedBlocks) = edited.programs else { return }
        #expect(keptBlocks[0].storage.metadataText == "{ \"a\": 1 }")
        #expect(editedBlocks[0].storage.metadataText == nil)
        #expect(editedBlocks[0].metadata == .object([JSONMember("a", .number("2"))]))
    }
}
