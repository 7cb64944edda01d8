/// A bounds-checked cursor over bytes. Every read checks the remaining length first and throws a
/// ``ByteDecodingError`` naming the offset; lengths read from the input are validated against the
/// remaining bytes before anything is allocated.
///
/// Offsets are positions in ``bytes``; a reader made by ``subReader(length:_:)`` shares the buffer
/// and is limited to a sub-range, so its errors still name offsets in the whole input.
///
/// The reads are inlinable (specialised and inlined in the decoders), and the descriptions of what
/// is read are autoclosures: the text of an error is built only when the error happens.
public struct ByteReader: Sendable {
    /// The whole input.
    public let bytes: [UInt8]
    @usableFromInline var position: Int
    /// Offset one past the last readable byte.
    public let end: Int
    /// The element path used in errors.
    public var path: ElementPath

    /// Offset of the next unread byte.
    @inlinable public var offset: Int { position }

    public init(_ bytes: [UInt8], path: ElementPath = ElementPath()) {
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
        self.path = path
    }

    @inlinable
    init(bytes: [UInt8], offset: Int, end: Int, path: ElementPath) {
        self.bytes = bytes
        self.position = offset
        self.end = end
        self.path = path
    }

    /// Bytes left to read.
    @inlinable public var remaining: Int { end - position }
    /// Whether every byte has been read.
    @inlinable public var isAtEnd: Bool { position >= end }

    /// An error located at the current offset (or at `position`).
    public func error(_ reason: String, at position: Int? = nil) -> ByteDecodingError {
        ByteDecodingError(reason, offset: position ?? offset, path: path)
    }

    /// A reader over the next `length` bytes (which this reader skips), sharing the buffer.
    @inlinable
    public mutating func subReader(length: Int, _ what: @autoclosure () -> String) throws(ByteDecodingError) -> ByteReader {
        try require(length, for: what())
        defer { position += length }
        return ByteReader(bytes: bytes, offset: position, end: position + length, path: path)
    }

    /// Runs `body` as if `step` were appended to the path: an error it throws names the step
    /// (``ByteDecodingError/inserting(_:after:)``). The step is added only to an error, so that
    /// reading an element allocates nothing for its path. The path is restored afterwards.
    @inlinable
    public mutating func within<T>(_ step: String, _ body: (inout ByteReader) throws(ByteDecodingError) -> T) throws(ByteDecodingError) -> T {
        let saved = path
        defer { path = saved }
        do {
            return try body(&self)
        } catch {
            throw error.inserting(step, after: saved)
        }
    }

    /// ``within(_:_:)-(String,_)`` with the step `label index` (formatted only for an error).
    @inlinable
    public mutating func within<T>(_ label: String, _ index: Int, _ body: (inout ByteReader) throws(ByteDecodingError) -> T) throws(ByteDecodingError) -> T {
        let saved = path
        defer { path = saved }
        do {
            return try body(&self)
        } catch {
            throw error.inserting("\(label) \(index)", after: saved)
        }
    }

    /// Throws unless every byte of this reader was consumed.
    @inlinable
    public func requireEnd(_ what: @autoclosure () -> String) throws(ByteDecodingError) {
        guard isAtEnd else { throw unexpectedBytes(what()) }
    }

    @usableFromInline
    func unexpectedBytes(_ what: String) -> ByteDecodingError {
        error("\(remaining) unexpected bytes after the \(what)")
    }

    /// Throws unless `count` more bytes are available.
    @inlinable
    public func require(_ count: Int, for what: @autoclosure () -> String) throws(ByteDecodingError) {
        guard count >= 0, count <= remaining else { throw truncated(count, what()) }
    }

    @usableFromInline
    func truncated(_ count: Int, _ what: String) -> ByteDecodingError {
        error("truncated \(what): needed \(count) bytes, \(remaining) remain")
    }

    @inlinable
    public mutating func readByte(_ what: @autoclosure () -> String = "byte") throws(ByteDecodingError) -> UInt8 {
        try require(1, for: what())
        defer { position += 1 }
        return bytes[position]
    }

    @inlinable
    public mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String = "bytes") throws(ByteDecodingError) -> [UInt8] {
        try require(count, for: what())
        if count == 0 { return [] }  // the common empty field: no copy of a slice (nor retain of the input)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// Reads `count` bytes and hands them to `body` in place (no copy), after one bounds check:
    /// for fixed-size records read in bulk.
    @inlinable
    public mutating func readBytes<T>(_ count: Int, _ what: @autoclosure () -> String = "bytes",
                                      _ body: (UnsafeRawBufferPointer) -> T) throws(ByteDecodingError) -> T {
        try require(count, for: what())
        let start = position
        position += count
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + count)])) }
    }

    /// Reads a big-endian unsigned integer of `T`'s width.
    @inlinable
    public mutating func readBigEndian<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String = "integer") throws(ByteDecodingError) -> T {
        let size = MemoryLayout<T>.size
        try require(size, for: what())
        let start = position
        let raw = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }
        position += size
        return T(bigEndian: raw)
    }

    /// Reads a little-endian unsigned integer of `T`'s width.
    @inlinable
    public mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String = "integer") throws(ByteDecodingError) -> T {
        let size = MemoryLayout<T>.size
        try require(size, for: what())
        let start = position
        let raw = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }
        position += size
        return T(littleEndian: raw)
    }

    /// Reads a big-endian IEEE-754 binary64, keeping its bit pattern.
    @inlinable
    public mutating func readBigEndianDouble(_ what: @autoclosure () -> String = "double") throws(ByteDecodingError) -> Double {
        Double(bitPattern: try readBigEndian(UInt64.self, what()))
    }

    /// Reads a little-endian IEEE-754 binary64, keeping its bit pattern.
    @inlinable
    public mutating func readLittleEndianDouble(_ what: @autoclosure () -> String = "double") throws(ByteDecodingError) -> Double {
        Double(bitPattern: try readLittleEndian(UInt64.self, what()))
    }

    /// Reads `count` bytes as UTF-8 text, rejecting malformed UTF-8.
    @inlinable
    public mutating func readUTF8(_ count: Int, _ what: @autoclosure () -> String = "string") throws(ByteDecodingError) -> String {
        let start = position
        try require(count, for: what())
        position += count
        let text: String? = bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[start..<start + count])
            // ASCII (names, mostly) is valid UTF-8 as it stands.
            for byte in slice where byte >= 0x80 { return String(validating: slice, as: UTF8.self) }
            return String(decoding: slice, as: UTF8.self)
        }
        guard let text else { throw error("\(what()) is not valid UTF-8", at: start) }
        return text
    }

    /// Validates a count of elements, each at least `minimumSize` bytes, against the remaining input,
    /// so that no allocation is ever sized by an untrusted number.
    @inlinable
    public func checkCount<T: BinaryInteger>(_ count: T, minimumSize: Int, what: @autoclosure () -> String) throws(ByteDecodingError) -> Int {
        guard count >= 0, let value = Int(exactly: count),
              value <= remaining / max(minimumSize, 1) || (minimumSize == 0 && value <= remaining)
        else {
            throw error("\(what()) count \(count) exceeds what the remaining \(remaining) bytes can hold")
        }
        return value
    }
}
