/// Splits sympy `srepr` text into tokens. Works on UTF-8 bytes and never throws: a malformed
/// token comes back as ``SreprToken/Kind/invalid`` with its offset.
struct SreprLexer {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    mutating func next() -> SreprToken {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A
            || bytes[position] == 0x09 || bytes[position] == 0x0D { position += 1 }
        let start = position
        guard position < bytes.count else { return SreprToken(kind: .end, start: start, end: start) }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "("): position += 1; return SreprToken(kind: .openParen, start: start, end: position)
        case UInt8(ascii: ")"): position += 1; return SreprToken(kind: .closeParen, start: start, end: position)
        case UInt8(ascii: ","): position += 1; return SreprToken(kind: .comma, start: start, end: position)
        case UInt8(ascii: "="): position += 1; return SreprToken(kind: .equals, start: start, end: position)
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return lexString(quote: byte)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            // `-oo` (sympy's NegativeInfinity) is the one bare name with a sign.
            if byte == UInt8(ascii: "-"), bytes.count - position >= 3,
               bytes[position + 1] == UInt8(ascii: "o"), bytes[position + 2] == UInt8(ascii: "o"),
               bytes.count - position == 3 || !isNameByte(bytes[position + 3]) {
                position += 3
                return SreprToken(kind: .name("-oo"), start: start, end: position)
            }
            position += 1
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                position += 1
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if text == "-" { return SreprToken(kind: .invalid("'-' must be followed by digits"), start: start, end: position) }
            return SreprToken(kind: .integer(text), start: start, end: position)
        default:
            if isNameStart(byte) {
                while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
                return SreprToken(kind: .name(String(decoding: bytes[start..<position], as: UTF8.self)), start: start, end: position)
            }
            position += 1
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
            let character = String(decoding: bytes[start..<position], as: UTF8.self)
            return SreprToken(kind: .invalid("unexpected character '\(character)'"), start: start, end: position)
        }
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// A Python string literal with the escapes `repr()` produces (and the other common ones).
    private mutating func lexString(quote: UInt8) -> SreprToken {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return SreprToken(kind: .string(String(scalars)), start: start, end: position)
            }
            if byte == 0x0A { break }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { break }
                let escape = bytes[position + 1]
                position += 2
                switch escape {
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "'"): scalars.append("'")
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "0"): scalars.append("\0")
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let width = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                    guard position + width <= bytes.count,
                          let value = UInt32(String(decoding: bytes[position..<position + width], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(value)
                    else {
                        return SreprToken(kind: .invalid("malformed \\\(Character(Unicode.Scalar(escape))) escape in string"), start: position - 2, end: position)
                    }
                    scalars.append(scalar)
                    position += width
                default:
                    return SreprToken(kind: .invalid("unsupported escape '\\\(Character(Unicode.Scalar(escape)))' in string"), start: position - 2, end: position)
                }
                continue
            }
            // Copy one UTF-8 encoded scalar.
            var end = position + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            guard let decoded = String(validating: bytes[position..<end], as: UTF8.self) else {
                return SreprToken(kind: .invalid("malformed UTF-8 in string"), start: position, end: end)
            }
            scalars.append(contentsOf: decoded.unicodeScalars)
            position = end
        }
        return SreprToken(kind: .invalid("unterminated string literal"), start: start, end: position)
    }
}

/// One token of `srepr` text, with its UTF-8 byte range.
struct SreprToken {
    enum Kind: Equatable {
        case name(String)
        case integer(String)
        case string(String)
        case openParen, closeParen, comma, equals
        case end
        case invalid(String)
    }

    var kind: Kind
    var start: Int
    var end: Int
}
