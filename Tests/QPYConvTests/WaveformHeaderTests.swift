import Testing
import QPYConv
import QPYTestSupport

/// The `.npy` header of a waveform: the one numpy 1.0 writes is recognised byte by byte (the
/// fast path), any other header that still describes a 1-D C-order complex128 array is parsed as
/// text and kept, so that the file is written back byte for byte.
@Suite struct WaveformHeaderTests {
    static let fixture = "schedules/qiskit-1.4.6/v13-symengine/waveform_short.qpy"
    static let canonical = "{'descr': '<c16', 'fortran_order': False, 'shape': (4,), }"

    /// The fixture with its `.npy` header's dictionary replaced by `dictionary` (padded with
    /// spaces to the same length, so no size field changes), and, when `major` is given, the
    /// format version changed to `major`.0 (its header length is then 4 bytes: two spaces fewer).
    static func variant(_ dictionary: String, major: UInt8? = nil) throws -> [UInt8] {
        let bytes = try FixtureFiles.bytes(fixture)
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        let start = try #require((0...(bytes.count - magic.count)).first { Array(bytes[$0..<($0 + magic.count)]) == magic })
        let headerLength = Int(bytes[start + 8]) | Int(bytes[start + 9]) << 8
        let headerEnd = start + 10 + headerLength
        var prefix: [UInt8] = [0x01, 0x00] + [UInt8(headerLength & 0xFF), UInt8(headerLength >> 8)]
        var length = headerLength
        if let major {
            length -= 2
            prefix = [major, 0x00] + [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), 0, 0]
        }
        let text = Array(dictionary.utf8)
        let header = text + [UInt8](repeating: 0x20, count: length - text.count - 1) + [0x0A]
        return Array(bytes[..<(start + 6)]) + prefix + header + Array(bytes[headerEnd...])
    }

    /// JSON text without its `"qpy": {"npy_header": …}` member.
    static func withoutHeaderText(_ json: [UInt8]) -> [String] {
        let lines = String(decoding: json, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [String] = []
        var index = 0
        while index < lines.count {
            if lines[index].hasSuffix("\"qpy\": {"), index + 1 < lines.count, lines[index + 1].contains("\"npy_header\"") {
                index += 3
                if var last = kept.popLast() {
                    if last.hasSuffix(",") { last.removeLast() }
                    kept.append(last)
                }
                continue
            }
            kept.append(String(lines[index]))
            index += 1
        }
        return kept
    }

    @Test func canonicalHeader_isWrittenAsNumpyWritesIt() throws {
        let bytes = try Self.variant(Self.canonical)
        #expect(bytes == (try FixtureFiles.bytes(Self.fixture)))
        let file = try Converter.read(bytes, as: .qpy)
        #expect(try Converter.write(file, as: .qpy) == bytes)
        // Nothing about the header is kept: the JSON holds no `.npy` header text.
        #expect(!String(decoding: try Converter.write(file, as: .json), as: UTF8.self).contains("descr"))
    }

    @Test(arguments: [
        "{'descr': '<c16', 'fortran_order': False, 'shape': (04,), }",  // a leading zero
        "{'fortran_order': False, 'descr': '<c16', 'shape': (4,), }",   // another key order
        "{'descr': '<c16', 'fortran_order': False, 'shape': (4,) }",    // no trailing comma
    ])
    func otherHeaders_areKeptByteForByte(_ dictionary: String) throws {
        let bytes = try Self.variant(dictionary)
        let file = try Converter.read(bytes, as: .qpy)
        #expect(try Converter.write(file, as: .qpy) == bytes)
        let json = try Converter.write(file, as: .json)
        #expect(String(decoding: json, as: UTF8.self).contains("descr"))
        #expect(try Converter.write(try Converter.read(json, as: .json), as: .qpy) == bytes)
        // Everything else, the samples included, is as under the canonical header.
        let reference = try Converter.write(try Converter.read(try FixtureFiles.bytes(Self.fixture), as: .qpy), as: .json)
        #expect(Self.withoutHeaderText(json) == Self.withoutHeaderText(reference))
    }

    @Test func formatVersion2_isKeptByteForByte() throws {
        let bytes = try Self.variant(Self.canonical, major: 2)
        let file = try Converter.read(bytes, as: .qpy)
        #expect(try Converter.write(file, as: .qpy) == bytes)
    }

    @Test(arguments: [
        ("{'descr': '<c16', 'fortran_order': True, 'shape': (4,), }", "C-order '<c16'"),
        ("{'descr': '<c8', 'fortran_order': False, 'shape': (4,), }", "C-order '<c16'"),
        ("{'descr': '<c16', 'fortran_order': False, 'shape': (2, 2), }", "one-dimensional"),
    ])
    func unsupportedHeaders_areRefusedAtTheHeader(_ dictionary: String, _ message: String) throws {
        let bytes = try Self.variant(dictionary)
        do {
            _ = try Converter.read(bytes, as: .qpy)
            Issue.record("expected an error for \(dictionary)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.message.contains("at byte 94"), "\(error.message)")
        }
    }
}
