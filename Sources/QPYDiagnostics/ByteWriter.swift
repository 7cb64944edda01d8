/// Appends integers, doubles and strings to a byte buffer in a chosen byte order.
///
/// `@inlinable`, like ``ByteReader``: the encoders in other modules get the appends specialised
/// for each integer type and inlined, rather than calling the generic code for every field.
public struct ByteWriter: Sendable {
    @usableFromInline var storage: [UInt8] = []

    /// The bytes written so far.
    @inlinable public var bytes: [UInt8] { storage }

    @inlinable public init(capacity: Int = 0) { storage.reserveCapacity(capacity) }

    /// Makes room for `capacity` bytes in all.
    @inlinable public mutating func reserveCapacity(_ capacity: Int) { storage.reserveCapacity(capacity) }

    @inlinable public mutating func append(_ byte: UInt8) { storage.append(byte) }
    @inlinable public mutating func append<S: Sequence>(contentsOf other: S) where S.Element == UInt8 { storage.append(contentsOf: other) }

    @inlinable public mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { storage.append(contentsOf: $0) }
    }

    @inlinable public mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { storage.append(contentsOf: $0) }
    }

    @inlinable public mutating func appendBigEndian(_ value: Double) { appendBigEndian(value.bitPattern) }
    @inlinable public mutating func appendLittleEndian(_ value: Double) { appendLittleEndian(value.bitPattern) }
    @inlinable public mutating func appendUTF8(_ text: String) { storage.append(contentsOf: text.utf8) }
}
