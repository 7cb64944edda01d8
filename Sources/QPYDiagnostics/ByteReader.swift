/// A bounds-checked cursor over bytes. Every read checks the remaining length first and throws a
/// ``ByteDecodingError`` naming the offset; lengths read from the input are validated against the
/// remaining bytes before anything is allocated.
///
/// Offsets are positions in ``bytes``; a reader made by ``subReader(length:_:)`` shares the buffer
/// and is limited to a sub-range, so its errors still name offsets in the whole input.
public struct ByteReader: Sendable {
    /// The whole input.
    public let bytes: [UInt8]
    /// Offset of the next unread byte.
    public private(set) var offset: Int
    /// Offset one past the last readable byte.
    public let end: Int
    /// The element path used in errors.
    public var path: ElementPath

    public init(_ bytes: [UInt8], path: ElementPath = ElementPath()) {
        self.bytes = bytes
        self.offset = 0
        self.end = bytes.count
        self.path = path
    }

    private init(bytes: [UInt8], offset: Int, end: Int, path: ElementPath) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
        self.path = path
    }

    /// Bytes left to read.
    public var remaining: Int { end - offset }
    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset >= end }

    /// An error located at the current offset (or at `position`).
    public func error(_ reason: String, at position: Int? = nil) -> ByteDecodingError {
        ByteDecodingError(reason, offset: position ?? offset, path: path)
    }

    /// A reader over the next `length` bytes (which this reader skips), sharing the buffer.
    public mutating func subReader(length: Int, _ what: String) throws(ByteDecodingError) -> ByteReader {
        try require(length, for: what)
        defer { offset += length }
        return ByteReader(bytes: bytes, offset: offset, end: offset + length, path: path)
    }

    /// Runs `body` with `step` appended to the path, restoring the path afterwards.
    public mutating func within<T>(_ step: String, _ body: (inout ByteReader) throws(ByteDecodingError) -> T) throws(ByteDecodingError) -> T {
        let saved = path
        path = path.appending(step)
        defer { path = saved }
        return try body(&self)
    }

    /// Throws unless every byte of this reader was consumed.
    public func requireEnd(_ what: String) throws(ByteDecodingError) {
        guard isAtEnd else { throw error("\(remaining) unexpected bytes after the \(what)") }
    }

    /// Throws unless `count` more bytes are available.
    public func require(_ count: Int, for what: String) throws(ByteDecodingError) {
        guard count >= 0, count <= remaining else {
            throw error("truncated \(what): needed \(count) bytes, \(remaining) remain")
        }
    }

    public mutating func readByte(_ what: String = "byte") throws(ByteDecodingError) -> UInt8 {
        try require(1, for: what)
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readBytes(_ count: Int, _ what: String = "bytes") throws(ByteDecodingError) -> [UInt8] {
        try require(count, for: what)
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Reads a big-endian unsigned integer of `T`'s width.
    public mutating func readBigEndian<T: FixedWidthInteger>(_: T.Type, _ what: String = "integer") throws(ByteDecodingError) -> T {
        let size = MemoryLayout<T>.size
        try require(size, for: what)
        var value: T = 0
        for index in offset..<offset + size { value = value << 8 | T(truncatingIfNeeded: bytes[index]) }
        offset += size
        return value
    }

    /// Reads a little-endian unsigned integer of `T`'s width.
    public mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type, _ what: String = "integer") throws(ByteDecodingError) -> T {
        let size = MemoryLayout<T>.size
        try require(size, for: what)
        var value: T = 0
        for index in (offset..<offset + size).reversed() { value = value << 8 | T(truncatingIfNeeded: bytes[index]) }
        offset += size
        return value
    }

    /// Reads a big-endian IEEE-754 binary64, keeping its bit pattern.
    public mutating func readBigEndianDouble(_ what: String = "double") throws(ByteDecodingError) -> Double {
        Double(bitPattern: try readBigEndian(UInt64.self, what))
    }

    /// Reads a little-endian IEEE-754 binary64, keeping its bit pattern.
    public mutating func readLittleEndianDouble(_ what: String = "double") throws(ByteDecodingError) -> Double {
        Double(bitPattern: try readLittleEndian(UInt64.self, what))
    }

    /// Reads `count` bytes as UTF-8 text, rejecting malformed UTF-8.
    public mutating func readUTF8(_ count: Int, _ what: String = "string") throws(ByteDecodingError) -> String {
        let start = offset
        let raw = try readBytes(count, what)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw error("\(what) is not valid UTF-8", at: start)
        }
        return text
    }

    /// Validates a count of elements, each at least `minimumSize` bytes, against the remaining input,
    /// so that no allocation is ever sized by an untrusted number.
    public func checkCount<T: BinaryInteger>(_ count: T, minimumSize: Int, what: String) throws(ByteDecodingError) -> Int {
        guard count >= 0, let value = Int(exactly: count),
              value <= remaining / max(minimumSize, 1) || (minimumSize == 0 && value <= remaining)
        else {
            throw error("\(what) count \(count) exceeds what the remaining \(remaining) bytes can hold")
        }
        return value
    }
}
