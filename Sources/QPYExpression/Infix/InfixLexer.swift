/// Splits infix expression text into tokens. Works on Unicode scalars with UTF-8 offsets and
/// never throws: a malformed token comes back as ``InfixToken/Kind/invalid``.
struct InfixLexer {
    private let scalars: [Unicode.Scalar]
    private let offsets: [Int]
    private var index = 0

    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private func token(_ kind: InfixToken.Kind, from start: Int) -> InfixToken {
        InfixToken(kind: kind, start: offsets[start], end: offsets[index])
    }

    mutating func next() -> InfixToken {
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { index += 1 }
        let start = index
        guard let scalar = peek() else { return token(.end, from: start) }
        if ("0"..."9").contains(scalar) || (scalar == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            return lexNumber(from: start)
        }
        if scalar == "\"" { return lexQuoted(from: start) }
        if scalar.properties.isXIDStart || scalar == "_" {
            index += 1
            while let next = peek(), next.properties.isXIDContinue { index += 1 }
            // A ParameterVector element: `name[12]`.
            if peek() == "[", let first = peek(1), ("0"..."9").contains(first) {
                var probe = index + 1
                while probe < scalars.count, ("0"..."9").contains(scalars[probe]) { probe += 1 }
                if probe < scalars.count, scalars[probe] == "]" { index = probe + 1 }
            }
            return token(.identifier(String(String.UnicodeScalarView(scalars[start..<index]))), from: start)
        }
        index += 1
        switch scalar {
        case "*":
            if peek() == "*" { index += 1; return token(.punctuation("**"), from: start) }
            return token(.punctuation("*"), from: start)
        case "<", ">", "=", "!":
            if peek() == "=" { index += 1; return token(.punctuation(String(scalar) + "="), from: start) }
            if scalar == "<" || scalar == ">" { return token(.punctuation(String(scalar)), from: start) }
            return token(.invalid("unexpected '\(scalar)' (did you mean '\(scalar)='?)"), from: start)
        case "+", "-", "/", "(", ")", ",":
            return token(.punctuation(String(scalar)), from: start)
        default:
            return token(.invalid("unexpected character '\(scalar)'"), from: start)
        }
    }

    private mutating func lexNumber(from start: Int) -> InfixToken {
        var isFloat = false
        while let scalar = peek(), ("0"..."9").contains(scalar) { index += 1 }
        if peek() == "." {
            isFloat = true
            index += 1
            while let scalar = peek(), ("0"..."9").contains(scalar) { index += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            var probe = 1
            if let sign = peek(1), sign == "+" || sign == "-" { probe = 2 }
            if let digit = peek(probe), ("0"..."9").contains(digit) {
                isFloat = true
                index += probe
                while let scalar = peek(), ("0"..."9").contains(scalar) { index += 1 }
            }
        }
        if let next = peek(), next.properties.isXIDContinue {
            return token(.invalid("malformed number"), from: start)
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        return token(isFloat ? .float(text) : .integer(text), from: start)
    }

    /// `"any name"` with `\"` and `\\` escapes.
    private mutating func lexQuoted(from start: Int) -> InfixToken {
        index += 1
        var name = String.UnicodeScalarView()
        while let scalar = peek() {
            index += 1
            if scalar == "\"" { return token(.quoted(String(name)), from: start) }
            if scalar == "\\" {
                guard let escaped = peek() else { break }
                index += 1
                switch escaped {
                case "\\", "\"": name.append(escaped)
                case "n": name.append("\n")
                case "t": name.append("\t")
                default: return token(.invalid("unsupported escape '\\\(escaped)' in quoted name"), from: start)
                }
                continue
            }
            name.append(scalar)
        }
        return token(.invalid("unterminated quoted name"), from: start)
    }
}
