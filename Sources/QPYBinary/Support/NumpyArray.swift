import QPYDiagnostics
import QPYModel

/// The `.npy` payloads QPY stores waveform samples in: format 1.0/2.0, a one-dimensional
/// `complex128` (`'<c16'`) array in C order.
enum NumpyComplexArray {
    /// Decodes a `.npy` file holding a 1-D little-endian complex128 array.
    /// - Returns: the samples and the header text when it differs from what ``encode(_:)`` writes.
    static func decode(_ reader: inout ByteReader) throws(ByteDecodingError) -> ([ComplexSample], NumpyStorage) {
        let start = reader.offset
        let magic = try reader.readBytes(6, ".npy magic")
        guard magic == [0x93] + Array("NUMPY".utf8) else { throw reader.error("not a .npy payload (bad magic)", at: start) }
        let major = try reader.readByte(".npy version")
        let minor = try reader.readByte(".npy version")
        let headerLength: Int
        switch major {
        case 1: headerLength = Int(try reader.readLittleEndian(UInt16.self, ".npy header length"))
        case 2, 3: headerLength = try reader.checkCount(try reader.readLittleEndian(UInt32.self, ".npy header length"), minimumSize: 1, what: ".npy header")
        default: throw reader.error("unsupported .npy format version \(major)", at: start + 6)
        }
        let headerStart = reader.offset
        let beforeHeader = reader
        // The header numpy 1.0 writes for such an array (every waveform Qiskit writes) is
        // recognised byte by byte; any other header is parsed as text.
        let canonicalCount = major == 1 && minor == 0
            ? try reader.readBytes(headerLength, ".npy header") { canonicalShapeLength($0) } : nil
        let count: Int
        var storage = NumpyStorage()
        if let canonicalCount {
            count = canonicalCount
        } else {
            reader = beforeHeader
            let header = try reader.readUTF8(headerLength, ".npy header")
            guard header.contains("'descr': '<c16'"), header.contains("'fortran_order': False") else {
                throw reader.error("waveform samples must be a C-order '<c16' array, found header \(header.trimmingCharacters())", at: headerStart)
            }
            guard let length = shapeLength(header) else {
                throw reader.error("waveform samples must be one-dimensional, found header \(header.trimmingCharacters())", at: headerStart)
            }
            count = length
            let version = minor == 0 ? "\(major)" : "\(major).\(minor)"
            if !(major == 1 && minor == 0 && header == headerText(count: length)) {
                storage = NumpyStorage(headerText: version + "|" + header)
            }
        }
        let checked = try reader.checkCount(count, minimumSize: 16, what: "waveform sample")
        let samples = try reader.readBytes(checked * 16, "sample") { raw in
            [ComplexSample](unsafeUninitializedCapacity: checked) { buffer, initialized in
                for index in 0..<checked {
                    let real = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * index, as: UInt64.self))
                    let imaginary = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * index + 8, as: UInt64.self))
                    (buffer.baseAddress! + index).initialize(to: ComplexSample(Double(bitPattern: real), Double(bitPattern: imaginary)))
                }
                initialized = checked
            }
        }
        return (samples, storage)
    }

    /// The length `N` if `header` is byte for byte ``headerText(count:)`` for `N` (no leading
    /// zeros), else `nil`.
    private static func canonicalShapeLength(_ header: UnsafeRawBufferPointer) -> Int? {
        let prefix: StaticString = "{'descr': '<c16', 'fortran_order': False, 'shape': ("
        let prefixLength = prefix.utf8CodeUnitCount
        guard header.count > prefixLength,
              header[..<prefixLength].elementsEqual(UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefixLength))
        else { return nil }
        var index = prefixLength
        var value = 0
        while index < header.count, header[index] >= 0x30, header[index] <= 0x39, index - prefixLength < 18 {
            value = value * 10 + Int(header[index] - 0x30)
            index += 1
        }
        let digits = index - prefixLength
        guard digits > 0, digits == 1 || header[prefixLength] != 0x30 else { return nil }
        // What follows the digits: `,), }`, spaces, and a final newline, in the canonical length.
        let suffix: StaticString = ",), }"
        let suffixLength = suffix.utf8CodeUnitCount
        let unpadded = index + suffixLength + 1
        guard header.count - index > suffixLength,
              header[index..<(index + suffixLength)].elementsEqual(UnsafeRawBufferPointer(start: suffix.utf8Start, count: suffixLength)),
              header[header.count - 1] == 0x0A,
              header[(index + suffixLength)..<(header.count - 1)].allSatisfy({ $0 == 0x20 }),
              header.count == unpadded + (64 - (10 + unpadded) % 64) % 64
        else { return nil }
        return value
    }

    /// Encodes samples as numpy 1.0 writes them today (header padded to a multiple of 64 bytes),
    /// or with the header kept in `storage` when it still describes the same array.
    static func encode(_ samples: [ComplexSample], storage: NumpyStorage) -> [UInt8] {
        var writer = ByteWriter(capacity: 128 + samples.count * 16)
        writer.append(0x93)
        writer.appendUTF8("NUMPY")
        var major: UInt8 = 1
        var minor: UInt8 = 0
        var header = headerText(count: samples.count)
        if let kept = storage.headerText, let bar = kept.firstIndex(of: "|"),
           shapeLength(String(kept[kept.index(after: bar)...])) == samples.count {
            let version = kept[..<bar].split(separator: ".")
            if let keptMajor = version.first.flatMap({ UInt8($0) }), version.count <= 2,
               let keptMinor = version.count == 2 ? UInt8(version[1]) : 0 {
                major = keptMajor
                minor = keptMinor
                header = String(kept[kept.index(after: bar)...])
            }
        }
        writer.append(major)
        writer.append(minor)
        if major == 1 {
            writer.appendLittleEndian(UInt16(header.utf8.count))
        } else {
            writer.appendLittleEndian(UInt32(header.utf8.count))
        }
        writer.appendUTF8(header)
        for sample in samples {
            writer.appendLittleEndian(sample.real)
            writer.appendLittleEndian(sample.imaginary)
        }
        return writer.bytes
    }

    /// The header numpy writes for a 1-D complex128 array of `count` elements.
    static func headerText(count: Int) -> String {
        let dictionary = "{'descr': '<c16', 'fortran_order': False, 'shape': (\(count),), }"
        // numpy pads with spaces and a final newline so that 10 + header length is a multiple of 64.
        let unpadded = 10 + dictionary.utf8.count + 1
        let padding = (64 - unpadded % 64) % 64
        return dictionary + String(repeating: " ", count: padding) + "\n"
    }

    /// The length in a `'shape': (N,)` entry.
    private static func shapeLength(_ header: String) -> Int? {
        let bytes = Array(header.utf8)
        let marker = Array("'shape': (".utf8)
        guard bytes.count >= marker.count,
              let start = (0...(bytes.count - marker.count)).first(where: { Array(bytes[$0..<$0 + marker.count]) == marker })
        else { return nil }
        var index = start + marker.count
        var digits: [UInt8] = []
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { digits.append(bytes[index]); index += 1 }
        guard !digits.isEmpty, index + 1 < bytes.count, bytes[index] == UInt8(ascii: ","), bytes[index + 1] == UInt8(ascii: ")")
        else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and newlines.
    func trimmingCharacters() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\n" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\n" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
