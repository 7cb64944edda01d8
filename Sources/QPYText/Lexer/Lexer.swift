/// Splits `.qpyasm` text into tokens, one at a time. Works on UTF-8 bytes and never throws: a
/// malformed token comes back as ``Token/Kind/invalid``, and ``problem(of:in:)`` says what is wrong.
struct Lexer {
    private var cursor: Cursor
    private var atLineStart = true
    private var lineIndentation = 0
    private var lineIndentationHasTab = false

    init(bytes: [UInt8]) {
        cursor = Cursor(bytes: bytes)
        // A UTF-8 byte-order mark is ignored.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { cursor.advance(by: 3) }
    }

    /// What is wrong with an ``Token/Kind/invalid`` token, and where (a byte offset inside it):
    /// the token is lexed again, so tokens need not carry their messages.
    static func problem(of token: Token, in bytes: [UInt8]) -> (message: String, offset: Int)? {
        var lexer = Lexer(bytes: bytes)
        lexer.cursor = Cursor(bytes: bytes, offset: token.start)
        var problem: (message: String, offset: Int)?
        _ = lexer.next { problem = ($0, $1) }
        return problem
    }

    mutating func next() -> Token { next { _, _ in } }

    /// Goes on lexing from `offset` as if everything before it had been lexed: at the start of
    /// the line (to count its indentation again) when only spaces stand before `offset` on its
    /// line. For a stretch of text the parser read from the bytes itself.
    mutating func move(to offset: Int) {
        let bytes = cursor.bytes
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] == UInt8(ascii: " ") || bytes[lineStart - 1] == UInt8(ascii: "\t")
            || bytes[lineStart - 1] == UInt8(ascii: "\r") {
            lineStart -= 1
        }
        if lineStart > 0, bytes[lineStart - 1] == UInt8(ascii: "\n") {
            cursor = Cursor(bytes: bytes, offset: lineStart)
            atLineStart = true
        } else {
            cursor = Cursor(bytes: bytes, offset: offset)
            atLineStart = false
        }
        lineIndentation = 0
        lineIndentationHasTab = false
    }

    /// The next token; `report` receives the problem of an invalid one.
    private mutating func next(report: (String, Int) -> Void) -> Token {
        skipSpaces()
        let start = cursor.offset
        let first = atLineStart
        func make(_ kind: Token.Kind, problem: (String, Int)? = nil) -> Token {
            if let problem { report(problem.0, problem.1) }
            let token = Token(kind: kind, start: start, end: cursor.offset, isFirstOnLine: first,
                              indentation: first ? lineIndentation : 0, indentationHasTab: first && lineIndentationHasTab)
            atLineStart = kind == .newline
            if atLineStart {
                lineIndentation = 0
                lineIndentationHasTab = false
            }
            return token
        }
        guard let byte = cursor.peek() else { return make(.end) }
        switch byte {
        case UInt8(ascii: "\n"):
            cursor.advance()
            return make(.newline)
        case UInt8(ascii: "#"):
            while let next = cursor.peek(), next != UInt8(ascii: "\n") { cursor.advance() }
            return make(.comment)
        case UInt8(ascii: "\""):
            let problem = lexString()
            return make(problem == nil ? .string : .invalid, problem: problem)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if lexUUID() { return make(.uuid) }
            return make(lexNumber())
        case UInt8(ascii: "."):
            if let digit = cursor.peek(at: 1), isDigit(digit) { return make(lexNumber()) }
            cursor.advance()
            return make(.invalid, problem: ("unexpected '.'", start))
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "/"),
             UInt8(ascii: "^"), UInt8(ascii: "~"):
            cursor.advance()
            return make(.punctuation)
        case UInt8(ascii: "-"):
            cursor.advance()
            _ = cursor.advance(matching: UInt8(ascii: ">"))
            return make(.punctuation)
        case UInt8(ascii: "&"), UInt8(ascii: "|"):
            cursor.advance()
            _ = cursor.advance(matching: byte)
            return make(.punctuation)
        case UInt8(ascii: ";"):
            cursor.advance()
            return make(.invalid, problem: ("unexpected ';': a statement ends with its line (no ';' as in OpenQASM)", start))
        case UInt8(ascii: "$"):
            guard let digit = cursor.peek(at: 1), isDigit(digit) else {
                cursor.advance()
                return make(.invalid, problem: ("unexpected character '$'", start))
            }
            cursor.advance()
            while let next = cursor.peek(), isDigit(next) { cursor.advance() }
            return make(.identifier)
        case UInt8(ascii: "*"):
            cursor.advance()
            _ = cursor.advance(matching: UInt8(ascii: "*"))
            return make(.punctuation)
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            cursor.advance()
            if !cursor.advance(matching: byte) { _ = cursor.advance(matching: UInt8(ascii: "=")) }
            return make(.punctuation)
        case UInt8(ascii: "="):
            cursor.advance()
            _ = cursor.advance(matching: UInt8(ascii: "="))
            return make(.punctuation)
        case UInt8(ascii: "!"):
            cursor.advance()
            _ = cursor.advance(matching: UInt8(ascii: "="))
            return make(.punctuation)
        default:
            if isHexLetter(byte), lexUUID() { return make(.uuid) }
            // ASCII letters and `_` start an identifier (the ASCII XID_Start characters, and `_`).
            if byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) {
                cursor.advance()
                while let width = identifierContinuation(at: 0) { cursor.advance(by: width) }
                return make(.identifier)
            }
            guard let (scalar, length) = cursor.scalar(), let scalar else {
                cursor.advance()
                return make(.invalid, problem: ("the text is not valid UTF-8", start))
            }
            if scalar.properties.isXIDStart || scalar == "_" {
                cursor.advance(by: length)
                while let width = identifierContinuation(at: 0) { cursor.advance(by: width) }
                return make(.identifier)
            }
            cursor.advance(by: length)
            return make(.invalid, problem: ("unexpected character '\(Self.describe(scalar))'", start))
        }
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }

    /// Spaces, tabs and carriage returns; at the start of a line they are the indentation.
    private mutating func skipSpaces() {
        while let byte = cursor.peek() {
            switch byte {
            case UInt8(ascii: " "):
                if atLineStart { lineIndentation += 1 }
            case UInt8(ascii: "\t"):
                if atLineStart { lineIndentation += 1; lineIndentationHasTab = true }
            case UInt8(ascii: "\r"):
                break
            default:
                return
            }
            cursor.advance()
        }
    }

    /// The UTF-8 length of the identifier character (XID_Continue) `ahead` bytes on, or `nil`.
    /// ASCII is decided from the byte: [A-Za-z0-9_] are exactly the ASCII XID_Continue characters.
    private func identifierContinuation(at ahead: Int) -> Int? {
        guard let byte = cursor.peek(at: ahead) else { return nil }
        if byte < 0x80 {
            let letter = byte | 0x20
            return isDigit(byte) || byte == UInt8(ascii: "_") || (letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z")) ? 1 : nil
        }
        guard let (next, width) = cursor.scalar(at: ahead), let next, next.properties.isXIDContinue else { return nil }
        return width
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func isHexLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    private func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || isHexLetter(byte) }

    /// Consumes a UUID (`8-4-4-4-12` hex digits not followed by an identifier character).
    private mutating func lexUUID() -> Bool {
        var index = 0
        for (group, count) in [8, 4, 4, 4, 12].enumerated() {
            if group > 0 {
                guard cursor.peek(at: index) == UInt8(ascii: "-") else { return false }
                index += 1
            }
            for _ in 0..<count {
                guard let byte = cursor.peek(at: index), isHex(byte) else { return false }
                index += 1
            }
        }
        if identifierContinuation(at: index) != nil { return false }
        cursor.advance(by: index)
        return true
    }

    /// A number (`12`, `0.5`, `.5`, `1e-07`), an imaginary literal (`0.5j`) or hex bits (`0x7ff8…`).
    private mutating func lexNumber() -> Token.Kind {
        if cursor.peek() == UInt8(ascii: "0"), cursor.peek(at: 1) == UInt8(ascii: "x") {
            cursor.advance(by: 2)
            while let byte = cursor.peek(), isHex(byte) { cursor.advance() }
            return .hex
        }
        while let byte = cursor.peek(), isDigit(byte) { cursor.advance() }
        if cursor.peek() == UInt8(ascii: ".") {
            cursor.advance()
            while let byte = cursor.peek(), isDigit(byte) { cursor.advance() }
        }
        if let e = cursor.peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var probe = 1
            if let sign = cursor.peek(at: 1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { probe = 2 }
            if let digit = cursor.peek(at: probe), isDigit(digit) {
                cursor.advance(by: probe)
                while let byte = cursor.peek(), isDigit(byte) { cursor.advance() }
            }
        }
        if cursor.peek() == UInt8(ascii: "j") {
            if identifierContinuation(at: 1) != nil { return .number }
            cursor.advance()
            return .imaginary
        }
        return .number
    }

    /// A double-quoted string with JSON escapes; returns the problem when it is malformed.
    private mutating func lexString() -> (String, Int)? {
        let start = cursor.offset
        cursor.advance()
        var problem: (String, Int)?
        while let byte = cursor.peek() {
            switch byte {
            case UInt8(ascii: "\""):
                cursor.advance()
                return problem
            case UInt8(ascii: "\n"):
                return ("unterminated string (a string ends on its line)", start)
            case UInt8(ascii: "\\"):
                let escapeStart = cursor.offset
                cursor.advance()
                guard let escape = cursor.peek(), escape != UInt8(ascii: "\n") else { continue }
                cursor.advance()
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        guard let digit = cursor.peek(), isHex(digit) else {
                            if problem == nil { problem = ("expected 4 hex digits after \\u", escapeStart) }
                            break
                        }
                        cursor.advance()
                    }
                default:
                    if problem == nil { problem = ("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string", escapeStart) }
                }
            default:
                if byte < 0x20 {
                    if problem == nil { problem = ("control character in a string; write it as an escape such as \\t", cursor.offset) }
                }
                cursor.advance()
            }
        }
        return ("unterminated string", start)
    }
}

/// Decoding of validated string tokens.
enum StringLiteral {
    /// The value of a string token (the lexer has checked its escapes).
    static func value(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        var index = bytes.startIndex + 1
        let end = bytes.endIndex - 1
        var runStart = index
        func flush(_ upTo: Int) {
            if runStart < upTo { scalars.append(contentsOf: String(decoding: bytes[runStart..<upTo], as: UTF8.self).unicodeScalars) }
        }
        while index < end {
            guard bytes[index] == UInt8(ascii: "\\") else { index += 1; continue }
            flush(index)
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var unit = hexUnit(bytes, index)
                index += 4
                if (0xD800..<0xDC00).contains(unit), index + 6 <= end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let low = hexUnit(bytes, index + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(escape))
            }
            runStart = index
        }
        flush(end)
        return String(scalars)
    }

    private static func hexUnit(_ bytes: ArraySlice<UInt8>, _ index: Int) -> UInt32 {
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let nibble: UInt8
            switch byte {
            case 48...57: nibble = byte - 48
            case 97...102: nibble = byte - 87
            default: nibble = byte - 55
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// A string literal for `text`: JSON escapes for `"`, `\` and control characters, UTF-8 kept.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
