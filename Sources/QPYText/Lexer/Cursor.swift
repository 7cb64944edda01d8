/// A position in UTF-8 bytes, with byte and scalar look-ahead. Never reads out of bounds.
struct Cursor {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// The byte `ahead` positions from here, or `nil` past the end.
    func peek(at ahead: Int = 0) -> UInt8? {
        let index = offset + ahead
        return index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    mutating func advance(by count: Int = 1) { offset = min(bytes.count, offset + count) }

    /// Consumes `byte` if it is next.
    mutating func advance(matching byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// The Unicode scalar starting at `offset + ahead` and its UTF-8 length; `nil` at the end or on
    /// malformed UTF-8 (length 1 then, so callers can step over the bad byte).
    func scalar(at ahead: Int = 0) -> (scalar: Unicode.Scalar?, length: Int)? {
        let index = offset + ahead
        guard index < bytes.count else { return nil }
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return (nil, 1)
        }
        guard index + length <= bytes.count else { return (nil, 1) }
        for next in bytes[(index + 1)..<(index + length)] {
            guard next & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value), String(scalar).utf8.count == length else { return (nil, 1) }
        return (scalar, length)
    }
}
