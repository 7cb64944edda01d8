import Testing
import QPYModel
@testable import QPYText
import QPYTestSupport

/// Lists of complex literals (waveform samples) are read straight from the bytes when they have
/// the plain form the writer gives them, and token by token otherwise. Both readings must give
/// the same file, comments and errors, whatever the list holds.
@Suite struct ComplexListTests {
    /// A schedule playing a waveform with `samples` (the text inside the brackets), then a
    /// statement that must still be read after the list.
    static func document(_ samples: String) -> String {
        """
        qpyasm 1
        qpy 13, qiskit="1.4.6", symbolic=symengine

        schedule s {
            play Waveform([\(samples)], name="w"), d0
            delay 16, d1  # after
        }

        """
    }

    /// The file and comments (or the error) the text gives, read with or without the byte reader.
    static func reading(_ text: String, fromBytes: Bool) -> String {
        do {
            let (file, trivia) = try TextDecoder.decode(Array(text.utf8), fileName: "t.qpyasm", options: TextDecodingOptions(),
                                                        complexListsFromBytes: fromBytes)
            var encoder = TextEncoder(file: file, options: TextEncodingOptions(), trivia: trivia)
            return "file \(file.hashValue)\n" + encoder.encode()
        } catch {
            return "error \(error)"
        }
    }

    static func expectSameReading(_ samples: String) {
        let text = document(samples)
        let fromBytes = reading(text, fromBytes: true)
        #expect(fromBytes == reading(text, fromBytes: false), "\(samples)")
    }

    @Test(arguments: [
        // The writer's form, over lines, with trailing commas and spacing.
        "0.1+0.2j", "0.1+0.2j, -0.3-0.4j", "-0.0-0.0j, 0.0+0.0j", "1e-07+2E+300j, 5e-324-1.7976931348623157e308j",
        "\n        0.5+0.25j, -0.5-0.25j,\n        1.0+0.0j\n    ", "0.1+0.2j,", "0.1+0.2j ,\n 0.3+0.4j\n ,0.5+0.6j",
        "\t0.1+0.2j\t,\t0.3+0.4j\t", "123456789012345678901234567890+1j", "1+2j", "00.5+01.5j",
        // Left to the token reader (and read the same): other values and spellings.
        "", " ", "\n", "0.1, 0.2", "0.5j", "-0.5j", ".5+0.5j", "5.+1j", "0.5+.5j", "0.5+5.j", "1e+0.5j", "1.e5+2j",
        "0.1 + 0.2j", "0.1+ 0.2j", "- 0.1+0.2j", "0.1+0.2j # note\n, 0.3+0.4j", "0.1+0.2jx", "0.1+0.2J", "0.1+0.2j@qpy()",
        "0.1+0.2j 0.3+0.4j", "0.1+0.2j,, 0.3+0.4j", "0.1+0.2j\r\n, 0.3+0.4j", "complex(0.0, Infinity), 0.1+0.2j",
        "0.1+0.2j, complex(NaN, 1.0)", "0x3ff0000000000000+1j", "12345678-1234-1234-1234-123456789012", "0.1+0.2j]",
        "0.1+0.2j, [0.3+0.4j]", "0.1+0.2j)", "0.1+0.2j, θ", "0.1*2+0.2j", "0.1+0.2j+0.3j", "1e400+1j", "0.1-0.2j-",
        "0.1+0.2j\n# comment\n, 0.3+0.4j", "0.1+0.2j\n    ]), d0\n    play Waveform([0.3+0.4j",
    ])
    func listsRead_sameFromBytesAndByTokens(samples: String) {
        Self.expectSameReading(samples)
    }

    /// The writer's form, then characters changed, inserted or deleted at random: every text must
    /// read the same both ways (mostly errors, some other lists).
    @Test func mutatedLists_sameFromBytesAndByTokens() {
        var generator = SeededGenerator(seed: 0x5A3C)
        let pieces = ["0", "1", "9", ".", "-", "+", "e", "E", "j", "J", ",", " ", "\n", "]", "[", "#", "x", "(", ")", "\t", "\r", "@"]
        var differences = 0
        for _ in 0..<3000 {
            var samples = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                let real = Double.random(in: -1...1, using: &generator)
                let imaginary = Double.random(in: -1...1, using: &generator)
                return "\(real)\(imaginary < 0 ? "-" : "+")\(abs(imaginary))j"
            }.joined(separator: Bool.random(using: &generator) ? ", " : ",\n        ")
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                var characters = Array(samples)
                let place = Int.random(in: 0...characters.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0 where place < characters.count: characters[place] = Character(pieces.randomElement(using: &generator)!)
                case 1: characters.insert(Character(pieces.randomElement(using: &generator)!), at: place)
                default: if place < characters.count { characters.remove(at: place) }
                }
                samples = String(characters)
            }
            let text = Self.document(samples)
            if Self.reading(text, fromBytes: true) != Self.reading(text, fromBytes: false) {
                differences += 1
                Issue.record("read differently: \(samples.debugDescription)")
            }
        }
        #expect(differences == 0)
    }

    /// The byte reader is used for the writer's lists: a long one reads to the samples written.
    @Test func writtenSamples_readBack() throws {
        let samples = (0..<5000).map { index in ComplexSample(Double(index) * 1e-4 - 0.25, -Double(index) / 7) }
        let file = QPYFile(
            header: QPYFileHeader(version: 13, qiskitVersion: QiskitVersion(major: 1, minor: 4, patch: 6), symbolicEncoding: .symengine),
            programs: .scheduleBlocks([ScheduleBlock(name: "s", elements: [.instruction(PulseInstruction(
                kind: .play, operands: [.waveform(Waveform(samples: samples)), .channel(Channel(kind: .drive, index: .integer(0)))]))])]))
        let text = file.qpyasmString()
        let back = try QPYFile(qpyasm: text)
        #expect(back == file)
        let sameBothWays = Self.reading(text, fromBytes: true) == Self.reading(text, fromBytes: false)
        #expect(sameBothWays)
    }
}
