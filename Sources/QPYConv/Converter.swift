@_exported import QPYModel
import QPYBinary
import QPYDiagnostics
import QPYJSON
import QPYText
import QPYYAML

/// Reads and writes whole files in any supported format.
public enum Converter {
    /// Options for writing.
    public struct WriteOptions: Sendable {
        /// The QPY version to write (`nil`: the version the input was read with).
        public var qpyVersion: Int?

        public init(qpyVersion: Int? = nil) { self.qpyVersion = qpyVersion }
    }

    /// Decodes `bytes` in `format`.
    /// - Throws: ``ConversionError`` locating the problem.
    public static func read(_ bytes: [UInt8], as format: FileFormat, name: String = "input") throws(ConversionError) -> QPYFile {
        switch format {
        case .qpy, .qpyGzip:
            do {
                return try QPYFile(qpyBytes: bytes)
            } catch {
                throw ConversionError("\(name): \(error.reason) at byte \(error.offset) (\(error.path))")
            }
        case .json:
            do {
                return try QPYFile(jsonUTF8: bytes)
            } catch {
                throw ConversionError("\(name):\(error.location): \(error.message)", diagnostic: "\(name):\(error.description)")
            }
        case .yaml:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ConversionError("\(name): the YAML text is not valid UTF-8")
            }
            do {
                return try QPYFile(yaml: text)
            } catch {
                throw ConversionError("\(name):\(error.location): \(error.message)", diagnostic: "\(name):\(error.description)")
            }
        case .qpyasm:
            guard bytes.allSatisfy({ $0 < 0x80 }) || String(validating: bytes, as: UTF8.self) != nil else { throw invalidUTF8(bytes, name: name) }
            do {
                return try QPYFile(qpyasmUTF8: bytes, fileName: name)
            } catch {
                throw ConversionError("\(name):\(error.location): \(error.message)", diagnostic: error.description)
            }
        }
    }

    /// Encodes `file` in `format`.
    /// - Throws: ``ConversionError`` naming what the format or version cannot hold.
    public static func write(_ file: QPYFile, as format: FileFormat, options: WriteOptions = WriteOptions()) throws(ConversionError) -> [UInt8] {
        switch format {
        case .yaml:
            return Array(try migrated(file, to: options.qpyVersion).yamlString().utf8)
        case .qpy, .qpyGzip:
            let bytes: [UInt8]
            do {
                bytes = try file.qpyBytes(options: QPYEncodingOptions(targetVersion: options.qpyVersion))
            } catch {
                throw ConversionError("cannot write QPY: \(error.message) (\(error.path))")
            }
            return format == .qpyGzip ? QPYFile.gzip(bytes) : bytes
        case .json:
            return try migrated(file, to: options.qpyVersion).jsonUTF8()
        case .qpyasm:
            return try migrated(file, to: options.qpyVersion).qpyasmUTF8()
        }
    }

    /// ``write(_:as:options:)``'s bytes handed to `emit` in pieces as they are made: JSON and
    /// `.qpyasm` in pieces of about `chunkSize` bytes, each handed on while the rest is still
    /// being encoded; other formats in one piece. A piece is valid only during the call.
    public static func write(_ file: QPYFile, as format: FileFormat, options: WriteOptions = WriteOptions(), chunkSize: Int,
                             emit: @escaping (UnsafeBufferPointer<UInt8>) -> Void) throws(ConversionError) {
        switch format {
        case .json:
            try migrated(file, to: options.qpyVersion).jsonUTF8(chunkSize: chunkSize, emit: emit)
        case .qpyasm:
            try migrated(file, to: options.qpyVersion).qpyasmUTF8(chunkSize: chunkSize, emit: emit)
        case .qpy, .qpyGzip, .yaml:
            try write(file, as: format, options: options).withUnsafeBufferPointer { emit($0) }
        }
    }

    /// Splits a circuit file's pulse calibrations off: the file without calibrations, and a file
    /// holding one circuit per input circuit (same name, no instructions) that carries its
    /// calibrations, at the input's QPY version (capped at 13, which Qiskit 1.4.6 reads). Returns
    /// `nil` for the second when no circuit has calibrations.
    public static func splittingCalibrations(_ file: QPYFile) -> (QPYFile, QPYFile?) {
        guard case .circuits(let circuits) = file.programs, circuits.contains(where: { !$0.calibrations.isEmpty }) else {
            return (file, nil)
        }
        var stripped = file
        stripped.programs = .circuits(circuits.map { circuit in
            var copy = circuit
            copy.calibrations = []
            return copy
        })
        var holders = file
        holders.header.version = min(max(file.header.version, 5), 13)
        if holders.header.version >= 10, holders.header.symbolicEncoding == nil { holders.header.symbolicEncoding = .sympy }
        holders.programs = .circuits(circuits.map { circuit in
            QuantumCircuit(name: circuit.name, globalPhase: .float(0), numQubits: circuit.numQubits, numClbits: 0,
                           metadata: .object([JSONMember("qpyconv", .string("calibrations of circuit \(circuit.name)"))]),
                           calibrations: circuit.calibrations)
        })
        return (stripped, holders)
    }

    /// `.qpyasm` text in canonical form, with its comments kept (what `qpyconv fmt` writes).
    /// - Throws: ``ConversionError`` with the rendered `file:line:column: error: …` diagnostic.
    public static func formattedQPYAsm(_ bytes: [UInt8], name: String = "input") throws(ConversionError) -> [UInt8] {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw invalidUTF8(bytes, name: name) }
        do {
            return Array(try QPYAsmDocument(text: text, fileName: name).formatted().utf8)
        } catch {
            throw ConversionError("\(name):\(error.location): \(error.message)", diagnostic: error.description)
        }
    }

    /// The error for text that is not UTF-8, at the line and column of the first bad byte.
    static func invalidUTF8(_ bytes: [UInt8], name: String) -> ConversionError {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        parsing: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: break parsing
            }
        }
        let lineStart = bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].count(where: { $0 == UInt8(ascii: "\n") }) + 1
        return ConversionError("\(name):\(line):\(offset - lineStart + 1): the .qpyasm text is not valid UTF-8 (byte \(offset))")
    }

    /// Converts `bytes` from one format to another; `.qpyasm` to `.qpyasm` (at the same QPY
    /// version) keeps the text's comments.
    public static func convert(_ bytes: [UInt8], from input: FileFormat, to output: FileFormat, name: String = "input",
                               options: WriteOptions = WriteOptions()) throws(ConversionError) -> [UInt8] {
        if input == .qpyasm, output == .qpyasm, options.qpyVersion == nil { return try formattedQPYAsm(bytes, name: name) }
        return try write(try read(bytes, as: input, name: name), as: output, options: options)
    }

    /// The file as it is when written as QPY `version` and read back: every storage detail
    /// (expression encodings, replay programs) becomes what that version holds.
    public static func migrated(_ file: QPYFile, to version: Int?) throws(ConversionError) -> QPYFile {
        guard let version, version != file.header.version else { return file }
        let bytes = try write(file, as: .qpy, options: WriteOptions(qpyVersion: version))
        do {
            return try QPYFile(qpyBytes: bytes)
        } catch {
            throw ConversionError("internal error: the QPY \(version) bytes written do not read back: \(error)")
        }
    }
}
