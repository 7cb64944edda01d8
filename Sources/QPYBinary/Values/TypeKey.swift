/// QPY's one-byte type keys, as ASCII bytes.
enum TypeKey {
    static let integer = UInt8(ascii: "i")
    static let float = UInt8(ascii: "f")
    static let complex = UInt8(ascii: "c")
    static let string = UInt8(ascii: "s")
    static let none = UInt8(ascii: "z")
    static let parameter = UInt8(ascii: "p")
    static let vectorElement = UInt8(ascii: "v")
    static let expression = UInt8(ascii: "e")

    // Program keys.
    static let circuitProgram = UInt8(ascii: "q")
    static let scheduleProgram = UInt8(ascii: "s")

    // Schedule-operand namespace.
    static let channel = UInt8(ascii: "c")
    static let waveform = UInt8(ascii: "w")
    static let symbolicPulse = UInt8(ascii: "s")
    static let operandString = UInt8(ascii: "o")
    static let kernel = UInt8(ascii: "k")
    static let discriminator = UInt8(ascii: "d")
    static let dictionary = UInt8(ascii: "D")
    static let list = UInt8(ascii: "l")

    /// The key as text for messages (`'i'`, or `0x07` for a non-printable byte).
    static func describe(_ key: UInt8) -> String {
        (0x21...0x7E).contains(key) ? "'\(Character(Unicode.Scalar(key)))'" : "0x" + String(key, radix: 16)
    }
}
