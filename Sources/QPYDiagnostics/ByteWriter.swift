/// Appends integers, doubles and strings to a byte buffer in a chosen byte order.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func append(_ byte: UInt8) { bytes.append(byte) }
    public mutating func append<S: Sequence>(contentsOf other: S) where S.Element == UInt8 { bytes.append(contentsOf: other) }

    public mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func appendBigEndian(_ value: Double) { appendBigEndian(value.bitPattern) }
    public mutating func appendLittleEndian(_ value: Double) { appendLittleEndian(value.bitPattern) }
    public mutating func appendUTF8(_ text: String) { bytes.append(contentsOf: text.utf8) }
}
