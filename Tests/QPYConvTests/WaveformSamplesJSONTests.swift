import Testing
import QPYConv
import QPYDiagnostics
import QPYJSON
import QPYTestSupport

/// A waveform's samples in a program's instruction list are skipped when the instruction is read
/// and then read straight from the text, with the tree as the fallback for anything that is not
/// a pair of plain numbers. Reading a document so must give what reading its whole tree gives
/// (`QPYFile(jsonDocument:lines:)`, which defers nothing): the same file, or the same error.
@Suite struct WaveformSamplesJSONTests {
    /// A schedule with one waveform play whose samples are `samples` (JSON text), after a
    /// plain one, and a nested block holding a waveform (not in a skipped place).
    static func document(samples: String) -> [UInt8] {
        let play = { (name: String, samples: String) in
            #"{"op": "play", "pulse": {"waveform": \#(samples), "epsilon": 1e-07, "limit_amplitude": false, "name": "\#(name)"}, "channel": "d0", "name": "\#(name)"}"#
        }
        let nested = #"{"op": "block", "name": "inner", "metadata": {}, "alignment": "left", "instructions": [\#(play("inner", "[[0.5, 0.25]]"))]}"#
        let text = #"{"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "symengine"}, "parameters": [], "schedules": [{"name": "s", "metadata": {}, "alignment": "left", "instructions": ["#
            + [play("plain", "[[0.1, -0.2], [1e-07, 3]]"), play("w", samples), nested].joined(separator: ", ") + "]}]}"
        return Array(text.utf8)
    }

    /// The file or the error text each way of reading gives.
    static func bothReadings(_ bytes: [UInt8]) -> (streamed: String, tree: String) {
        let streamed: String
        do {
            streamed = "file \(try Converter.read(bytes, as: .json).hashValue)"
        } catch {
            streamed = "error \(error.diagnostic)"
        }
        let tree: String
        do {
            let root = try JSONText.parseLocated(bytes)
            tree = "file \(try QPYFile(jsonDocument: root, lines: LineTable(utf8: bytes)).hashValue)"
        } catch let error as JSONDecodingError {
            tree = "error input:\(error.description)"
        } catch {
            tree = "error \(error)"
        }
        return (streamed, tree)
    }

    @Test(arguments: [
        // Plain numbers in every spelling JSON allows, and spacing.
        "[]", "[[0, 1]]", "[[-0.0, 0], [1E+3, -2e-3], [123456789012345678901234, 5e-324]]",
        "[ [ 0.5 ,\n -0.5 ] ,\n\t[1,2] ]",
        // Read through the tree: special numbers, and what is not a pair of numbers.
        "[[NaN, 1], [Infinity, -Infinity]]", "[[1, 2], [3]]", "[[1, 2], \"x\"]", "[[1, \"2\"]]", "[[1, 2, 3]]",
        "[[1, 2], [[3], 4]]", "[[1, 2], {\"re\": 1}]", "[null]", "[[true, 1]]",
        // Skipped before they are read: brackets, commas and escaped quotes inside strings, and an
        // empty list with spacing.
        #"[[1, 2], "],[\\", "a\"]b,", [3, 4]]"#, #"[{"a": [1, {"b": "]}"}]}, [1, 2]]"#, "[ \n\t ]",
        // Long enough (4 KiB) for the first reading to record where they end and how many
        // elements they hold, and the second to move there at once.
        "[" + String(repeating: "[0.5, -0.25], ", count: 400) + "[1, 2]]",
        "[" + String(repeating: "[0.5, -0.25], ", count: 400) + #""]]", {"x": [[1]]}, [1, 2]]"#,
    ])
    func samples_readAsTheTreeReadsThem(samples: String) {
        let readings = Self.bothReadings(Self.document(samples: samples))
        #expect(readings.streamed == readings.tree, "\(samples)")
    }

    /// The skipped samples come back exactly: the first reading of a long list, and a document
    /// written from it, agree with the tree's.
    @Test func longSampleList_readExactly() throws {
        var generator = SeededGenerator(seed: 0x5A3B_1E5)
        let pairs = (0..<5000).map { _ in
            "[\(Double(bitPattern: generator.next() >> 2)), \(-Double(bitPattern: generator.next() >> 2))]"
        }
        let bytes = Self.document(samples: "[" + pairs.joined(separator: ", ") + "]")
        let readings = Self.bothReadings(bytes)
        #expect(readings.streamed == readings.tree)
        #expect(readings.streamed.hasPrefix("file"))
        let file = try Converter.read(bytes, as: .json)
        #expect(try Converter.read(try Converter.write(file, as: .json), as: .json) == file)
    }
}
