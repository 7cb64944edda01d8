import Foundation
import Testing

@Suite struct ConvertCommandTests {
    static let example = "Examples/schedules/calibration_set.qpy"

    @Test func qpyToJSONToQPY_throughStandardStreams_isByteIdentical() throws {
        let original = try Array(Data(contentsOf: CommandRunner.repository.appendingPathComponent(Self.example)))
        let json = try CommandRunner.run([Self.example, "-", "--to", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let back = try CommandRunner.run(["-", "-", "--from", "json", "--to", "qpy"], stdin: json.stdout)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout == original)
    }

    @Test func gzipInput_isRead() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let gz = directory.appendingPathComponent("set.qpy.gz")
        #expect(try CommandRunner.run([Self.example, gz.path]).status == 0)
        let fromGzip = try CommandRunner.run([gz.path, "-", "--to", "json"])
        let fromPlain = try CommandRunner.run([Self.example, "-", "--to", "json"])
        #expect(fromGzip.status == 0)
        #expect(fromGzip.stdout == fromPlain.stdout)
    }

    @Test func inspect_describesTheFile() throws {
        let result = try CommandRunner.run(["inspect", Self.example])
        #expect(result.status == 0)
        #expect(result.stdoutText == """
            format: qpy
            qpy version: 13
            written by: Qiskit 1.4.6
            symbolic encoding: symengine (e)
            programs: 3 ScheduleBlocks
              [0] "x": 1 Play
              [1] "sx": 1 Play
              [2] "measure": 1 Acquire, 1 Delay, 1 Play

            """)
    }

    @Test func missingInput_exits66() throws {
        let result = try CommandRunner.run(["no-such-file.qpy", "out.json"])
        #expect(result.status == 66)
        #expect(result.stderr == "error: cannot open 'no-such-file.qpy': no such file\n")
    }

    @Test func sameInputAndOutput_isRefused() throws {
        let result = try CommandRunner.run([Self.example, Self.example])
        #expect(result.status == 64)
        #expect(result.stderr.contains("The input and output are the same file"))
    }

    @Test func truncatedQPY_namesByteOffsetAndElement_andLeavesOutputUntouched() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let bytes = try Array(Data(contentsOf: CommandRunner.repository.appendingPathComponent(Self.example)))
        let truncated = directory.appendingPathComponent("cut.qpy")
        try Data(bytes.prefix(200)).write(to: truncated)
        let output = directory.appendingPathComponent("out.json")
        try Data("keep me".utf8).write(to: output)
        let result = try CommandRunner.run([truncated.path, output.path])
        #expect(result.status == 65)
        #expect(result.stderr == "error: \(truncated.path): element claims 819 bytes but 138 remain at byte 62 (program 0 > element 0 > operand 0)\n")
        #expect(try String(contentsOf: output, encoding: .utf8) == "keep me")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    /// Long instruction lists are written to JSON and to `.qpyasm` on several threads; the bytes
    /// must be those of one thread (`QPYCONV_THREADS=1`), for circuits and schedules.
    @Test func longPrograms_sameOutputOnOneThreadAndOnFour() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let gates = (0..<6000).map { index in
            index % 10 == 0 ? #"{"op": "RZGate", "qubits": [\#(index % 7)], "params": ["θ*\#(index) + φ"]}"#
                : #"{"op": "CXGate", "qubits": [\#(index % 7), \#((index + 1) % 7)]}"#
        }
        let circuit = #"{"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "symengine"}, "parameters": [{"name": "θ", "uuid": "00000000-0000-0000-0000-000000000001"}, {"name": "φ", "uuid": "00000000-0000-0000-0000-000000000002"}], "circuits": [{"name": "long", "num_qubits": 7, "num_clbits": 0, "global_phase": 0.0, "metadata": {}, "registers": [{"name": "q", "kind": "quantum", "bits": [0, 1, 2, 3, 4, 5, 6]}], "instructions": ["#
            + gates.joined(separator: ", ") + "]}]}"
        let elements = (0..<6000).map { index in
            index % 3 == 0 ? #"{"op": "shift_phase", "phase": "θ*\#(index)", "channel": "d\#(index % 5)"}"#
                : #"{"op": "delay", "duration": \#(index % 97 + 1), "channel": "d\#(index % 5)"}"#
        }
        let schedule = #"{"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "symengine"}, "parameters": [{"name": "θ", "uuid": "00000000-0000-0000-0000-000000000001"}], "schedules": [{"name": "long", "instructions": ["#
            + elements.joined(separator: ", ") + "]}]}"
        for (name, document) in [("circuit", circuit), ("schedule", schedule)] {
            let json = directory.appendingPathComponent("\(name).json")
            let qpy = directory.appendingPathComponent("\(name).qpy")
            try Data(document.utf8).write(to: json)
            let toQPY = try CommandRunner.run([json.path, qpy.path])
            #expect(toQPY.status == 0, "\(toQPY.stderr)")
            for (format, minimumSize) in [("json", 200_000), ("qpyasm", 100_000)] {
                var outputs: [Data] = []
                for threads in ["1", "4"] {
                    let output = directory.appendingPathComponent("\(name)-\(threads).\(format)")
                    let result = try CommandRunner.run([qpy.path, output.path], environment: ["QPYCONV_THREADS": threads])
                    #expect(result.status == 0, "\(result.stderr)")
                    outputs.append(try Data(contentsOf: output))
                }
                #expect(outputs[0].count > minimumSize)
                #expect(outputs[0] == outputs[1], "\(name): one thread and four threads wrote different \(format)")
                let back = directory.appendingPathComponent("\(name)-\(format)-back.qpy")
                #expect(try CommandRunner.run([directory.appendingPathComponent("\(name)-4.\(format)").path, back.path]).status == 0)
                #expect(try Data(contentsOf: back) == Data(contentsOf: qpy))
            }
        }
    }

    /// Outputs of several early-writeback units (4 MiB) and a partial one, written to their
    /// file in pieces (JSON, on several threads) or at once (QPY), are the bytes standard output
    /// gets, and read back to the same QPY.
    @Test func largeOutputs_fileAndStandardOutputAgree() throws {
        let directory = try CommandRunner.temporaryDirectory()
        // 40 waveforms of 7,000 samples: QPY about 4.5 MB, JSON about 16 MB.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextSample() -> String {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let real = Double(state >> 11) / Double(1 << 53) - 0.5
            let imaginary = Double((state << 7) >> 11) / Double(1 << 53) - 0.5
            return "[\(real), \(imaginary)]"
        }
        let plays = (0..<40).map { index in
            let samples = (0..<7000).map { _ in nextSample() }.joined(separator: ", ")
            return #"{"op": "play", "pulse": {"waveform": [\#(samples)], "epsilon": 1e-07, "limit_amplitude": false, "name": "w\#(index)"}, "channel": "d\#(index % 3)", "name": "w\#(index)"}"#
        }
        let document = #"{"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "symengine"}, "parameters": [], "schedules": [{"name": "large", "metadata": {}, "alignment": "left", "instructions": ["#
            + plays.joined(separator: ", ") + "]}]}"
        let input = directory.appendingPathComponent("input.json")
        let qpy = directory.appendingPathComponent("large.qpy")
        let json = directory.appendingPathComponent("large.json")
        let back = directory.appendingPathComponent("back.qpy")
        try Data(document.utf8).write(to: input)
        let toQPY = try CommandRunner.run([input.path, qpy.path])
        #expect(toQPY.status == 0, "\(toQPY.stderr)")
        let toJSON = try CommandRunner.run([qpy.path, json.path])
        #expect(toJSON.status == 0, "\(toJSON.stderr)")
        let qpyBytes = try Data(contentsOf: qpy)
        let jsonBytes = try Data(contentsOf: json)
        #expect(qpyBytes.count > 4 << 20 && jsonBytes.count > 3 * (4 << 20), "QPY \(qpyBytes.count) bytes, JSON \(jsonBytes.count)")
        let printedQPY = try CommandRunner.run([input.path, "-", "--to", "qpy"])
        let printedJSON = try CommandRunner.run([qpy.path, "-", "--to", "json"])
        #expect(Data(printedQPY.stdout) == qpyBytes)
        #expect(Data(printedJSON.stdout) == jsonBytes)
        #expect(try CommandRunner.run([json.path, back.path]).status == 0)
        #expect(try Data(contentsOf: back) == qpyBytes)
        // The same for .qpyasm text, also written to its file in pieces.
        let text = directory.appendingPathComponent("large.qpyasm")
        let textBack = directory.appendingPathComponent("text-back.qpy")
        #expect(try CommandRunner.run([qpy.path, text.path]).status == 0)
        let textBytes = try Data(contentsOf: text)
        #expect(textBytes.count > 2 * (4 << 20), "text \(textBytes.count) bytes")
        #expect(Data(try CommandRunner.run([qpy.path, "-", "--to", "qpyasm"]).stdout) == textBytes)
        #expect(try CommandRunner.run([text.path, textBack.path]).status == 0)
        #expect(try Data(contentsOf: textBack) == qpyBytes)
    }

    @Test func malformedJSON_namesLineAndColumn() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let input = directory.appendingPathComponent("bad.json")
        try Data("{\n  \"schema_version\": 1,\n  \"qpy\": {\"version\": 13, \"qiskit_version\": \"1.4.6\"},\n  \"schedules\": [{\"name\": \"x\", \"instructions\": [{\"op\": \"jump\"}]}]\n}\n".utf8).write(to: input)
        let result = try CommandRunner.run([input.path, directory.appendingPathComponent("out.qpy").path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(input.path):4:55: error: unknown instruction \"jump\""))
        #expect(result.stderr.contains("(at /schedules/0/instructions/0/op)"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.qpy").path))
    }

    @Test func malformedJSON_pointerEscapesSlashAndTilde() throws {
        // RFC 6901: "~" is written "~0" and "/" is "~1" in a pointer's step.
        let directory = try CommandRunner.temporaryDirectory()
        let input = directory.appendingPathComponent("bad.json")
        try Data("{\"schema_version\": 1, \"qpy\": {\"version\": 13, \"qiskit_version\": \"1.4.6\"},\n \"schedules\": [{\"name\": \"x\", \"instructions\": [{\"op\": \"delay\", \"duration\": 4, \"channel\": \"d0\"}, {\"op\": \"delay\", \"duration\": 4, \"channel\": \"d0\", \"a/b~c\": 1}]}]}\n".utf8).write(to: input)
        let result = try CommandRunner.run([input.path, directory.appendingPathComponent("out.qpy").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unknown member \"a/b~c\""), "\(result.stderr)")
        #expect(result.stderr.contains("(at /schedules/0/instructions/1/a~1b~0c)"), "\(result.stderr)")
    }

    @Test func olderVersionWithoutReferences_isRefusedNamingTheFeature() throws {
        let result = try CommandRunner.run(["Examples/schedules/ecr_references.qpy", "-", "--to", "qpy", "--qpy-version", "6"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("need QPY 7 or later"))
        #expect(result.stdout.isEmpty)
    }

    @Test func circuitVersionsForSchedules_areRefused() throws {
        let result = try CommandRunner.run([Self.example, "-", "--to", "qpy", "--qpy-version", "14"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("schedule blocks can be written as QPY 5 to 13 only"))
    }

    @Test func migrationToQPY13_keepsTheContent() throws {
        let result = try CommandRunner.run(["Examples/schedules/qpy5_terra-0.22.4_param_phase_expression.qpy", "-", "--to", "json", "--qpy-version", "13"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("\"version\": 13"))
    }
}
