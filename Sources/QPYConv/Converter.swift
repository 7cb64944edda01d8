@_exported import QPYModel
import QPYBinary
import QPYDiagnostics
import QPYJSON

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
        }
    }

    /// Encodes `file` in `format`.
    /// - Throws: ``ConversionError`` naming what the format or version cannot hold.
    public static func write(_ file: QPYFile, as format: FileFormat, options: WriteOptions = WriteOptions()) throws(ConversionError) -> [UInt8] {
        switch format {
        case .qpy, .qpyGzip:
            let bytes: [UInt8]
            do {
                bytes = try file.qpyBytes(options: QPYEncodingOptions(targetVersion: options.qpyVersion))
            } catch {
                throw ConversionError("cannot write QPY: \(error.message) (\(error.path))")
            }
            return format == .qpyGzip ? QPYFile.gzip(bytes) : bytes
        case .json:
            return Array(try migrated(file, to: options.qpyVersion).jsonString().utf8)
        }
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
