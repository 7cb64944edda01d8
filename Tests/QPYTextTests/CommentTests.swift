import Testing
import QPYConv
import QPYText

/// Comments and blank lines survive text -> text (`qpyconv fmt`), attached as Schemas/qpyasm.md says.
@Suite struct CommentTests {
    static let source = """
        # File comment, before the version line.
        qpyasm 1  # the format
        qpy 13, qiskit="1.4.6", symbolic=symengine

        # The amplitude of the sweep.
        param amp  # derived UUID


        # First program.
        schedule first {  # moves to the next line
            metadata {"a": 1}  # metadata comment

            # before the play
            play Waveform([0.1, 0.2,
                # inside the samples: moves before the statement
                0.3]), d0  # trailing
              # odd indentation is fine for comments
            block inner right {
                shift_phase amp, d0
                # end of inner
            }  # after the inner brace
            assign sub = None  # unassigned
            # end of first
        }

        schedule empty {}  # empty block
        # end of file
        """

    static let formatted = """
        # File comment, before the version line.
        qpyasm 1  # the format
        qpy 13, qiskit="1.4.6", symbolic=symengine

        # The amplitude of the sweep.
        param amp  # derived UUID

        # First program.
        schedule first {
            # moves to the next line
            metadata {"a": 1}  # metadata comment

            # before the play
            # inside the samples: moves before the statement
            play Waveform([0.1, 0.2, 0.3]), d0  # trailing
            # odd indentation is fine for comments
            block inner right {
                shift_phase amp, d0
                # end of inner
            }  # after the inner brace
            assign sub = None  # unassigned
            # end of first
        }

        schedule empty {}  # empty block
        # end of file

        """

    @Test func fmt_keepsComments() throws {
        let document = try QPYAsmDocument(text: Self.source, fileName: "c.qpyasm")
        #expect(document.formatted() == Self.formatted)
    }

    @Test func fmt_isIdempotent() throws {
        #expect(try QPYAsmDocument(text: Self.formatted).formatted() == Self.formatted)
    }

    @Test func comments_doNotChangeTheProgram() throws {
        let withComments = try QPYFile(qpyasm: Self.source)
        #expect(try QPYFile(qpyasm: Self.formatted) == withComments)
        #expect(withComments.qpyasmString().contains("#") == false)
    }

    @Test func qpyasmToQPYAsm_conversionKeepsComments() throws {
        let bytes = Array(Self.source.utf8)
        #expect(try Converter.convert(bytes, from: .qpyasm, to: .qpyasm, name: "c.qpyasm") == Array(Self.formatted.utf8))
        #expect(FileFormat.sniffed(from: bytes) == .qpyasm)
    }

    @Test func hintedDeclarations_keepTheirNames() throws {
        let text = """
            qpyasm 1
            qpy 13, qiskit="1.4.6", symbolic=symengine

            # A custom ramp, declared once even though it is used once.
            envelope ramp = amp*t/duration

            # The calibration waveform.
            waveform cal = Waveform([0.5, 1.0, 0.5], name="cal_pulse")

            schedule s {
                play Ramp(duration=10, amp=0.5, envelope=ramp), d0
                play cal, d1
            }

            """
        #expect(try QPYAsmDocument(text: text).formatted() == text)
    }
}
