import Testing
import QPYConv
import QPYModel
@testable import QPYText
import QPYTestSupport

/// Long lists (a schedule's elements, a circuit's instructions) have their lines made on several
/// threads, and the text goes out in pieces as it is written: the text must be the one a single
/// thread writes whole, whatever the file holds (nested blocks and circuits, references,
/// calibrations, declared envelopes and waveforms, comments).
@Suite struct ParallelTextTests {
    static let files = FixtureFiles.qpyFiles(in: "schedules") + FixtureFiles.qpyFiles(in: "circuits")

    /// The text of `file` (with `trivia`'s comments) made by `workers` threads for every list of
    /// `minimumElements` or more elements.
    static func text(_ file: QPYFile, trivia: TextTrivia = TextTrivia(), workers: Int, minimumElements: Int) -> [UInt8] {
        var encoder = TextEncoder(file: file, options: TextEncodingOptions(), trivia: trivia)
        encoder.parallelism = (workers, minimumElements)
        return encoder.encodeUTF8()
    }

    /// One thread, and three threads for every list (more threads than this machine's cores).
    static func expectSameText(_ file: QPYFile, trivia: TextTrivia = TextTrivia(), _ name: String) {
        let single = text(file, trivia: trivia, workers: 1, minimumElements: .max)
        let parallel = text(file, trivia: trivia, workers: 3, minimumElements: 1)
        // Compared as a whole (a failure names the file, not the bytes).
        let same = single == parallel
        #expect(same, "\(name): three threads wrote another text")
        #expect(!single.isEmpty)
    }

    /// The fixture as IR, or `nil` for a file its own writer cannot load.
    static func decode(_ path: String) throws -> QPYFile? {
        let bytes = try FixtureFiles.bytes(path)
        guard !FixtureFiles.corruptAsWritten.contains(path) else { return try? Converter.read(bytes, as: .qpy, name: path) }
        return try Converter.read(bytes, as: .qpy, name: path)
    }

    @Test func everyFixture_sameTextOnOneThreadAndOnThree() throws {
        var checked = 0
        for path in Self.files {
            guard let file = try Self.decode(path) else { continue }
            Self.expectSameText(file, path)
            checked += 1
        }
        #expect(checked > 2000, "only \(checked) fixtures were checked")
    }

    /// `file` with each program's elements or instructions repeated past `count`; `nil` when no
    /// program has any.
    static func lengthened(_ file: QPYFile, to count: Int) -> QPYFile? {
        func repeated<Element>(_ items: [Element]) -> [Element] {
            var long = items
            while !long.isEmpty, long.count < count { long += items }
            return long
        }
        var file = file
        switch file.programs {
        case .scheduleBlocks(let blocks):
            guard blocks.contains(where: { !$0.elements.isEmpty }) else { return nil }
            file.programs = .scheduleBlocks(blocks.map { block in
                var long = block
                long.elements = repeated(block.elements)
                return long
            })
        case .circuits(let circuits):
            guard circuits.contains(where: { !$0.instructions.isEmpty }) else { return nil }
            file.programs = .circuits(circuits.map { circuit in
                var long = circuit
                long.instructions = repeated(circuit.instructions)
                return long
            })
        }
        return file
    }

    /// Each program's elements or instructions repeated past 300, so that the lists cross several
    /// runs (of 128) and the workers run ahead of the thread that joins them.
    @Test func repeatedPrograms_sameTextOnOneThreadAndOnThree() throws {
        var checked = 0
        for path in Self.files where path.contains("qiskit-1.4.6/v13-symengine") || path.contains("qiskit-2.6/v18/") {
            guard let decoded = try Self.decode(path), let file = Self.lengthened(decoded, to: 300) else { continue }
            Self.expectSameText(file, path)
            checked += 1
        }
        #expect(checked > 150, "only \(checked) programs were made long")
    }

    /// Comments before, after and between the statements of a long block, and blank lines, stay
    /// where they were (`qpyconv fmt`'s text) when its lines are made on several threads.
    @Test func commentedLongBlock_sameFormattedText() throws {
        var lines = ["# leading", "qpyasm 1", #"qpy 13, qiskit="1.4.6", symbolic=symengine"#, "", "schedule long {"]
        for index in 0..<6000 {
            if index % 7 == 0 { lines.append("    # before \(index)") }
            if index % 11 == 0 { lines.append("") }
            let statement: String
            switch index % 4 {
            case 0: statement = "    delay \(index % 90 + 10), d\(index % 3)"
            case 1: statement = "    play Gaussian(duration=160, sigma=40, amp=0.\(index % 9 + 1), angle=0.0), d0"
            case 2: statement = "    shift_phase 0.\(index), u1"
            default: statement = "    block b\(index) sequential {\n        delay 16, d1  # inside\n    }"
            }
            lines.append(statement + (index % 5 == 0 ? "  # trailing \(index)" : ""))
        }
        lines += ["    # last", "}", "# end", ""]
        let document = try QPYAsmDocument(text: lines.joined(separator: "\n"))
        Self.expectSameText(document.file, trivia: document.trivia, "long commented block")
        for example in FixtureFiles.examples() {
            let commented = try QPYAsmDocument(text: FixtureFiles.example(example))
            Self.expectSameText(commented.file, trivia: commented.trivia, example)
        }
        // The formatted text is that of one thread, and formatting it again changes nothing.
        let formatted = String(decoding: Self.text(document.file, trivia: document.trivia, workers: 1, minimumElements: .max), as: UTF8.self)
        #expect(formatted.contains("    # before 5978\n    shift_phase 0.5978, u1\n"))
        #expect(try QPYAsmDocument(text: formatted).formatted() == formatted)
    }

    /// The pieces handed on as the text is written join to the text written whole, for pieces of
    /// one byte, of a few hundred and of a megabyte.
    @Test func pieces_joinToTheWholeText() throws {
        let decoded = try #require(try Self.decode("schedules/qiskit-1.4.6/v13-symengine/multi_mixed.qpy"))
        let file = try #require(Self.lengthened(decoded, to: 5000))
        let whole = file.qpyasmUTF8()
        #expect(whole.count > 100_000)
        for pieceSize in [1, 300, 1 << 20] {
            var joined: [UInt8] = []
            var pieces = 0
            file.qpyasmUTF8(chunkSize: pieceSize) { piece in
                joined.append(contentsOf: piece)
                pieces += 1
            }
            #expect(joined == whole, "pieces of \(pieceSize) bytes")
            #expect(pieces >= min(100, whole.count / pieceSize), "\(pieces) pieces of \(pieceSize) bytes")
        }
    }
}
