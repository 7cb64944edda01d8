import Foundation
import Testing
import QPYConv

/// Every circuit file real Qiskit wrote (and the QPY 1–4 files built from the specification)
/// goes QPY -> IR -> QPY and QPY -> JSON -> QPY byte for byte.
@Suite struct CircuitRoundTripTests {
    static let files = FixtureFiles.qpyFiles(in: "circuits")

    @Test func fixturesArePresent() {
        #expect(Self.files.count >= 200, "expected the committed circuit fixtures, found \(Self.files.count)")
    }

    /// Files that even the Qiskit release that wrote them cannot load (KNOWN-FAILURES.md rows
    /// "fails to load" whose loader is the writer): qpyconv must reject them with a located error.
    static let corruptAsWritten: Set<String> = {
        let url = FixtureFiles.root.appendingPathComponent("circuits/KNOWN-FAILURES.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var paths: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") && line.contains("fails to load") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            let path = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let writer = cells[1].split(separator: " ").first.map(String.init) ?? ""
            let version = writer.split(separator: "-").last.map(String.init) ?? writer
            if cells[2].hasSuffix(version) { paths.insert(path.replacingOccurrences(of: "Tests/Fixtures/", with: "")) }
        }
        return paths
    }()

    /// Decodes a fixture; for a file its own writer cannot load, checks the error instead and
    /// returns `nil`.
    static func decode(_ path: String, _ bytes: [UInt8]) throws -> QPYFile? {
        do {
            return try Converter.read(bytes, as: .qpy, name: path)
        } catch {
            guard corruptAsWritten.contains(path) else { throw error }
            #expect(error.message.contains(" at byte ") && error.message.contains("(program "), "\(error.message)")
            return nil
        }
    }

    @Test func corruptFiles_areListed() {
        #expect(!Self.corruptAsWritten.isEmpty)
    }

    @Test(arguments: files)
    func qpyRoundTrip_isByteIdentical(_ path: String) throws {
        let bytes = try FixtureFiles.bytes(path)
        guard let file = try Self.decode(path, bytes) else { return }
        #expect(try Converter.write(file, as: .qpy) == bytes)
    }

    @Test(arguments: files)
    func jsonRoundTrip_isByteIdentical(_ path: String) throws {
        let bytes = try FixtureFiles.bytes(path)
        guard let file = try Self.decode(path, bytes) else { return }
        let json = try Converter.write(file, as: .json)
        let back = try Converter.read(json, as: .json, name: path + " (json)")
        #expect(back == file)
        #expect(try Converter.write(back, as: .qpy) == bytes)
        #expect(try Converter.write(back, as: .json) == json)
    }
}
