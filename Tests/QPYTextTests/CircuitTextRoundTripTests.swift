import Foundation
import Testing
import QPYConv
import QPYText
import QPYTestSupport

/// Every circuit file real Qiskit wrote (QPY 1 to 18, with calibrations, control flow, custom
/// definitions, classical expressions, layouts, …) goes QPY -> .qpyasm -> QPY byte for byte, and
/// its text is canonical.
@Suite struct CircuitTextRoundTripTests {
    static let files = FixtureFiles.qpyFiles(in: "circuits")

    /// The fixture as IR, or `nil` for a file its own writer cannot load (then the refusal is checked).
    static func decode(_ path: String) throws -> QPYFile? {
        let bytes = try FixtureFiles.bytes(path)
        do {
            return try Converter.read(bytes, as: .qpy, name: path)
        } catch {
            guard FixtureFiles.corruptAsWritten.contains(path) else { throw error }
            #expect(error.message.contains(" at byte "), "\(error.message)")
            return nil
        }
    }

    @Test func fixturesArePresent() {
        #expect(Self.files.count == 1788, "expected the committed circuit fixtures, found \(Self.files.count)")
    }

    @Test(arguments: files)
    func qpyToTextToQPY_isByteIdentical(_ path: String) throws {
        guard let file = try Self.decode(path) else { return }
        let text = file.qpyasmString()
        let back = try QPYFile(qpyasm: text, fileName: path)
        #expect(back == file)
        #expect(try Converter.write(back, as: .qpy) == FixtureFiles.bytes(path))
    }

    @Test(arguments: files)
    func textToText_isIdempotent(_ path: String) throws {
        guard let file = try Self.decode(path) else { return }
        let text = file.qpyasmString()
        #expect(try QPYFile(qpyasm: text).qpyasmString() == text)
        #expect(try QPYAsmDocument(text: text).formatted() == text)
    }
}
