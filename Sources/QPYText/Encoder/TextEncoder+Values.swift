import QPYDiagnostics
import QPYExpression
import QPYModel

extension TextEncoder {
    // MARK: - Numbers

    /// A float word: the shortest round-trip decimal, `NaN`, `Infinity`, `-Infinity`, or the bits
    /// of a NaN with a payload (`0x7ff8000000000001`).
    static func floatWord(_ value: Double) -> String {
        if value.isFinite { return DoubleDescription.string(value) }
        if value == .infinity { return "Infinity" }
        if value == -.infinity { return "-Infinity" }
        if value.bitPattern == Double.nan.bitPattern { return "NaN" }
        let hex = String(value.bitPattern, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Appends ``floatWord(_:)``'s bytes; finite values are written in place (``DoubleDescription``).
    static func writeFloatWord(_ value: Double, into out: inout [UInt8]) {
        if value.isFinite { DoubleDescription.append(value, to: &out) } else { out.append(contentsOf: floatWord(value).utf8) }
    }

    /// A complex number: `re+imj` / `re-imj` when both parts are finite, else `complex(re, im)`.
    static func complexText(_ real: Double, _ imaginary: Double) -> String {
        var out: [UInt8] = []
        writeComplex(real, imaginary, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``complexText(_:_:)``'s bytes.
    static func writeComplex(_ real: Double, _ imaginary: Double, into out: inout [UInt8]) {
        guard real.isFinite, imaginary.isFinite else {
            out.append(contentsOf: ("complex(" + floatWord(real) + ", " + floatWord(imaginary) + ")").utf8)
            return
        }
        DoubleDescription.append(real, to: &out)
        out.append(imaginary.sign == .minus ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        DoubleDescription.append(imaginary.sign == .minus ? -imaginary : imaginary, to: &out)
        out.append(UInt8(ascii: "j"))
    }

    /// Appends a waveform sample's bytes: the real part alone when the imaginary part is +0.0.
    static func writeSample(_ sample: ComplexSample, into out: inout [UInt8]) {
        if sample.imaginary.bitPattern == 0 { writeFloatWord(sample.real, into: &out) } else { writeComplex(sample.real, sample.imaginary, into: &out) }
    }

    // MARK: - Values

    func valueText(_ value: Value) -> String {
        switch value {
        case .integer(let number): return String(number)
        case .float(let number): return Expression.number(.float(number)).infix
        case .complex(let real, let imaginary): return Self.complexText(real, imaginary)
        case .string(let text): return StringLiteral.quoted(text)
        case .none: return "None"
        case .parameter(let parameter): return symbolValueText(.parameter(parameter))
        case .vectorElement(let element): return symbolValueText(.vectorElement(element))
        case .expression(let expression): return expressionText(expression)
        }
    }

    /// A parameter standing alone as a value: its name, in parentheses when the name alone would
    /// read as something else (`None`, a string).
    func symbolValueText(_ symbol: ParameterSymbol) -> String {
        let text = SymbolNames.symbol(naming.name(of: symbol))
        return text == "None" || text.hasPrefix("\"") ? "(" + text + ")" : text
    }

    /// A ParameterExpression: its infix text over the names the text uses, `expr(…)` when the text
    /// alone would read as a number or a parameter, and its storage details.
    func expressionText(_ expression: ParameterExpression) -> String {
        let (text, details) = expressionParts(expression, forceWrapper: false)
        return details.isEmpty ? text : text + " @qpy(" + details.joined(separator: ", ") + ")"
    }

    /// The text of an expression and its storage details.
    func expressionParts(_ expression: ParameterExpression, forceWrapper: Bool) -> (String, [String]) {
        var renames: [String: Expression] = [:]
        for entry in expression.symbols {
            guard case .symbol(let symbol) = entry.key else { continue }
            let local = naming.name(of: symbol)
            if local != symbol.name { renames[symbol.name] = .symbol(local) }
        }
        let tree = expression.expression.substituting(renames)
        var text = tree.infix
        switch tree {
        case .symbol, .number(.integer), .number(.float), .complex: text = "expr(" + text + ")"
        default: if forceWrapper { text = "expr(" + text + ")" }
        }
        var details: [String] = []
        let ordinary = expression.symbols.allSatisfy(\.isOrdinary)
        var mapSymbols: [ParameterSymbol] = []
        for entry in expression.symbols { if case .symbol(let symbol) = entry.key { mapSymbols.append(symbol) } }
        if !ordinary {
            details.append("symbol_map=[" + expression.symbols.map(symbolMapEntryText).joined(separator: ", ") + "]")
        } else if mapSymbols.map(\.name) != expression.expression.symbolNames {
            details.append("symbols=[" + mapSymbols.map(symbolValueText).joined(separator: ", ") + "]")
        }
        switch expression.payload {
        case .srepr:
            if version >= 13 || circuitSymengineDefault { details.append("encoding=\"srepr\"") }
        case .symengine(let symengine):
            if !(circuitSymengineDefault && symengine == symengineVersion) {
                details.append("encoding=\"" + SymbolicExpression.Encoding.symengine(symengine).name + "\"")
            }
        case .replay(let program):
            if let program, program != (try? expression.derivedReplayProgram()), let bytes = try? program.bytes() {
                details.append("replay=\"" + HexText.string(bytes) + "\"")
            } else if version < 13 {
                details.append("encoding=\"replay\"")
            }
        }
        return (text, details)
    }

    /// Whether expressions here are stored as symengine unless they say otherwise: circuit values
    /// of QPY 10–12 files with the symengine header.
    var circuitSymengineDefault: Bool {
        inCircuitValues && file.header.symbolicEncoding == .symengine && (10...12).contains(version)
    }

    private func symbolMapEntryText(_ entry: SymbolMapEntry) -> String {
        let key: String
        switch entry.key {
        case .symbol(let symbol): key = symbolValueText(symbol)
        case .expression(let nested):
            let (text, details) = expressionParts(nested, forceWrapper: true)
            key = details.isEmpty ? text : text + " @qpy(" + details.joined(separator: ", ") + ")"
        }
        return "map(\(key), \(StringLiteral.quoted(String(UnicodeScalar(entry.valueType)))), \"\(HexText.string(entry.value))\")"
    }

    func optionalString(_ text: String?) -> String { text.map(StringLiteral.quoted) ?? "None" }

    // MARK: - Channels and processors

    func channelText(_ channel: Channel) -> String {
        if case .integer(let index) = channel.index, index >= 0 { return channel.kind.prefix + String(index) }
        return channel.kind.prefix + "(" + valueText(channel.index) + ")"
    }

    func processorText(_ processor: AcquireProcessor, _ callee: String) -> String {
        var arguments: [String] = []
        if let name = processor.name { arguments.append("name=" + StringLiteral.quoted(name)) }
        for parameter in processor.parameters {
            arguments.append(labelText(parameter.name, reserved: ["name"]) + "=" + processorValueText(parameter.value))
        }
        return callee + "(" + arguments.joined(separator: ", ") + ")"
    }

    func processorValueText(_ value: ProcessorValue) -> String {
        switch value {
        case .value(let plain): return valueText(plain)
        case .list(let items): return "[" + items.map(processorValueText).joined(separator: ", ") + "]"
        case .dictionary(let parameters):
            return "{" + parameters.map { StringLiteral.quoted($0.name) + ": " + processorValueText($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// A keyword argument's label: the name, or the name quoted when it is reserved or not an
    /// identifier.
    func labelText(_ name: String, reserved: Set<String>) -> String {
        SymbolNames.isIdentifier(name) && !reserved.contains(name) ? name : StringLiteral.quoted(name)
    }
}
