import QPYDiagnostics
import QPYModel

/// A register-or-clbit field (`R` values and legacy condition registers): before QPY 18 a
/// register name, or `0x00` + the clbit's index in ASCII decimal; from QPY 18 a tagged struct
/// (`0x01` + name, or `0x00` + u32 index).
enum ClassicalTargetCodec {
    static func decode(_ bytes: [UInt8], version: Int, at offset: Int, path: ElementPath) throws(ByteDecodingError) -> ClassicalTarget {
        if version >= 18 {
            guard let tag = bytes.first else { throw ByteDecodingError("empty register field", offset: offset, path: path) }
            if tag == 0x01 {
                guard let name = String(validating: bytes.dropFirst(), as: UTF8.self) else {
                    throw ByteDecodingError("register name is not valid UTF-8", offset: offset + 1, path: path)
                }
                return .register(name)
            }
            guard tag == 0x00, bytes.count == 5 else {
                throw ByteDecodingError("a QPY 18 register field is 0x01 + name or 0x00 + u32 index", offset: offset, path: path)
            }
            return .clbit(bytes[1...4].reduce(0) { $0 << 8 | UInt32($1) })
        }
        if bytes.first == 0x00 {
            let digits = bytes.dropFirst()
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let index = UInt32(String(decoding: digits, as: UTF8.self)) else {
                throw ByteDecodingError("a clbit condition is 0x00 + a decimal index", offset: offset, path: path)
            }
            return .clbit(index)
        }
        guard let name = String(validating: bytes, as: UTF8.self) else {
            throw ByteDecodingError("register name is not valid UTF-8", offset: offset, path: path)
        }
        return .register(name)
    }

    static func encode(_ target: ClassicalTarget, version: Int) -> [UInt8] {
        switch target {
        case .register(let name):
            return version >= 18 ? [0x01] + Array(name.utf8) : Array(name.utf8)
        case .clbit(let index):
            if version >= 18 {
                return [0x00, UInt8(index >> 24), UInt8((index >> 16) & 0xFF), UInt8((index >> 8) & 0xFF), UInt8(index & 0xFF)]
            }
            return [0x00] + Array(String(index).utf8)
        }
    }
}
