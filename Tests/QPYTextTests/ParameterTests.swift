import Testing
import QPYConv
import QPYText

/// Parameters written by hand: declared once or not at all, with deterministic UUIDs.
@Suite struct ParameterTests {
    @Test func derivedUUID_isTheDocumentedOne() {
        // The value Schemas/README.md documents for the JSON reader's rule.
        #expect(ParameterUUID.derived(fromName: "new_param").description == "8f77684e-4767-872f-84c8-e7aeae804968")
        #expect(ParameterUUID.derived(fromName: "amp") == ParameterUUID.derived(fromName: "amp"))
        #expect(ParameterUUID.derived(fromName: "amp") != ParameterUUID.derived(fromName: "amp2"))
    }

    @Test func derivedUUID_matchesTheJSONReader() throws {
        let json = """
            {"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "symengine"},
             "schedules": [{"name": "s", "instructions": [{"op": "shift_phase", "phase": "θ", "channel": "d0"}]}]}
            """
        let fromJSON = try Converter.read(Array(json.utf8), as: .json)
        let fromText = try QPYFile(qpyasm: "qpyasm 1\nschedule s {\n    shift_phase θ, d0\n}\n")
        #expect(fromJSON == fromText)
    }

    static let handWritten = """
        qpyasm 1
        vector w[3]

        schedule rabi {
            play Gaussian(duration=dur, sigma=40, amp=amp, angle=w[1]), d0
            shift_phase amp*2 + w[2], d0
        }
        """

    @Test func undeclaredParameters_getDeterministicUUIDs() throws {
        let first = try Converter.write(try QPYFile(qpyasm: Self.handWritten), as: .qpy)
        let second = try Converter.write(try QPYFile(qpyasm: Self.handWritten), as: .qpy)
        #expect(first == second)
        let file = try QPYFile(qpyasm: Self.handWritten)
        guard case .scheduleBlocks(let blocks) = file.programs, case .instruction(let play) = blocks[0].elements[0],
              case .symbolicPulse(let pulse) = play.operands[0] else {
            Issue.record("expected a play")
            return
        }
        #expect(pulse.duration == .parameter(Parameter(name: "dur", uuid: .derived(fromName: "dur"))))
        #expect(pulse.parameters.map(\.value) == [
            .integer(40), .parameter(Parameter(name: "amp", uuid: .derived(fromName: "amp"))),
            .vectorElement(ParameterVectorElement(vectorName: "w", vectorSize: 3, index: 1, uuid: .derived(fromName: "w[1]"))),
        ])
    }

    @Test func canonicalText_declaresEveryParameter_withoutDerivedUUIDs() throws {
        #expect(try QPYFile(qpyasm: Self.handWritten).qpyasmString() == """
            qpyasm 1
            qpy 13, qiskit="1.4.6", symbolic=symengine

            param dur
            param amp
            vector w[3]
            param w[1]
            param w[2]

            schedule rabi {
                play Gaussian(duration=dur, sigma=40, amp=amp, angle=w[1]), d0
                shift_phase amp*2 + w[2], d0
            }

            """)
    }

    @Test func declaredUUIDs_areUsed() throws {
        let text = """
            qpyasm 1
            param amp = 00000000-0000-0000-0000-0000000000aa
            schedule s {
                shift_phase amp, d0
            }
            """
        let file = try QPYFile(qpyasm: text)
        #expect(file.qpyasmString().contains("param amp = 00000000-0000-0000-0000-0000000000aa\n"))
        guard case .scheduleBlocks(let blocks) = file.programs, case .instruction(let shift) = blocks[0].elements[0] else { return }
        #expect(shift.operands[0] == .value(.parameter(Parameter(name: "amp", uuid: ParameterUUID("00000000-0000-0000-0000-0000000000aa")!))))
    }
}
