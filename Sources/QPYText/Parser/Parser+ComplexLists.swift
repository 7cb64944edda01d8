import QPYModel

/// Waveform samples, `[0.1+0.2j, -0.3-0.4j, …]`, read straight from the bytes: a schedule's text is
/// mostly such lists, and reading them token by token costs several times more.
extension Parser {
    /// The elements of the list opened by `open` and the offset of its `]`, when every element is
    /// a complex literal `[-]re±imj` with plain decimal parts (digits on both sides of any
    /// point), the elements are separated by commas, and nothing else stands between them but
    /// spaces and line breaks; `nil` for anything else (a comment, another kind of value, an
    /// empty list, …), which the token-by-token reading then reads. Where it reads a list, it gives
    /// the syntax that reading gives.
    func complexList(after open: Token) -> (elements: [ValueSyntax], close: Int)? {
        source.bytes.withUnsafeBufferPointer { text in
            var reader = ComplexListReader(text: text, position: open.end)
            var elements: [ValueSyntax] = []
            while true {
                reader.skipSpacesAndLineBreaks()
                guard let element = reader.complexLiteral() else { return nil }
                elements.append(element)
                reader.skipSpacesAndLineBreaks()
                guard let byte = reader.peek() else { return nil }
                if byte == UInt8(ascii: "]") { return (elements, reader.position) }
                guard byte == UInt8(ascii: ",") else { return nil }
                reader.position += 1
                reader.skipSpacesAndLineBreaks()
                if reader.peek() == UInt8(ascii: "]") { return (elements, reader.position) }
            }
        }
    }
}

/// A cursor over the text for ``Parser/complexList(after:)``.
private struct ComplexListReader {
    let text: UnsafeBufferPointer<UInt8>
    var position: Int

    func peek() -> UInt8? { position < text.count ? text[position] : nil }

    mutating func skipSpacesAndLineBreaks() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") {
            position += 1
        }
    }

    /// `[-]re±imj` as the token-by-token reading makes it (`Parser.complexLiteral`): the parts
    /// as `Double(text)` reads them, the leading minus and the sign applied after; the byte after
    /// the `j` must end the element (so the `j` is not the start of a name).
    mutating func complexLiteral() -> ValueSyntax? {
        let start = position
        let negative = peek() == UInt8(ascii: "-")
        if negative { position += 1 }
        guard let real = plainDecimal(), let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        position += 1
        guard let imaginary = plainDecimal(), peek() == UInt8(ascii: "j") else { return nil }
        position += 1
        guard let next = peek(), next == UInt8(ascii: ",") || next == UInt8(ascii: "]") || next == UInt8(ascii: " ")
                || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\t") else { return nil }
        let value = (negative ? -real : real, sign == UInt8(ascii: "-") ? -imaginary : imaginary)
        return ValueSyntax(kind: .complex(value.0, value.1), range: SourceRange(start: start, end: position))
    }

    /// The unsigned plain decimal here, as ``DoubleParsing/leadingMagnitude(_:from:)`` reads it
    /// (which ends it where the lexer ends a number); `nil` for anything else.
    mutating func plainDecimal() -> Double? {
        guard let (value, end) = DoubleParsing.leadingMagnitude(text, from: position) else { return nil }
        position = end
        return value
    }
}
