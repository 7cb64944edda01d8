import QPYExpression
import QPYModel

extension TextDecoder {
    /// A pulse operand: a call, or the name of a declared waveform.
    func pulse(_ syntax: ValueSyntax, topLevel: Bool) throws(TextDecodingError) -> PulseOperand {
        switch syntax.kind {
        case .infix(let name):
            guard let waveform = waveforms[name] else {
                let hint = StandardPulses.isStandard(name) ? " (a pulse shape takes its arguments: \(name)(duration=…, …))" : ""
                throw error("unknown waveform '\(name)'\(hint); declare it with 'waveform \(name) = Waveform([…])'", at: syntax.range.start)
            }
            return .waveform(waveform)
        case .call(let callee, let arguments):
            if callee.text == "Waveform", !callee.isQuoted {
                return .waveform(try waveform(arguments, attributes: syntax.attributes, at: syntax.range))
            }
            return .symbolicPulse(try symbolicPulse(callee, arguments, attributes: syntax.attributes, topLevel: topLevel))
        default:
            throw error("expected a pulse such as Gaussian(…) or Waveform([…])", at: syntax.range.start)
        }
    }

    // MARK: - Waveforms

    func waveform(_ arguments: [ArgumentSyntax], attributes: AttributesSyntax?, at range: SourceRange) throws(TextDecodingError) -> Waveform {
        var samplesSyntax: ValueSyntax?
        var waveform = Waveform(samples: [])
        var seen: Set<String> = []
        for argument in arguments {
            guard let label = argument.label else {
                guard samplesSyntax == nil else {
                    throw error("Waveform takes one list of samples; the other arguments are name=, epsilon= and limit_amplitude=",
                                at: argument.value.range.start)
                }
                samplesSyntax = argument.value
                continue
            }
            guard seen.insert(label.text).inserted else { throw error("duplicate argument '\(label.text)'", at: label.range.start) }
            switch label.text {
            case "name": waveform.name = try optionalString(argument.value, "the waveform name")
            case "epsilon": waveform.epsilon = try float32(argument.value)
            case "limit_amplitude": waveform.limitAmplitude = try bool(argument.value, "limit_amplitude")
            default:
                let hint = Suggestion.closest(to: label.text, in: ["name", "epsilon", "limit_amplitude"]).map { " (did you mean '\($0)'?)" } ?? ""
                throw error("Waveform has no argument '\(label.text)'\(hint); its arguments are the samples, name, epsilon and limit_amplitude",
                            at: label.range.start)
            }
        }
        guard let samplesSyntax, case .list(let items) = samplesSyntax.kind else {
            throw error("Waveform takes its samples as a list first: Waveform([0.1, 0.2+0.1j, …])",
                        at: samplesSyntax?.range.start ?? range.start)
        }
        waveform.samples.reserveCapacity(items.count)
        for item in items { waveform.samples.append(try sample(item)) }
        let details = try self.attributes(attributes, allowed: ["npy_header"], in: "a waveform")
        if let header = details["npy_header"] {
            guard case .string(let text) = header.kind, let bar = text.firstIndex(of: "|"), ["1", "2", "3"].contains(String(text[..<bar])) else {
                throw error("an .npy header is written as \"<format major>|<header text>\", e.g. \"1|{'descr': …\"", at: header.range.start)
            }
            waveform.storage.headerText = text
        }
        return waveform
    }

    /// A float word: a number, `NaN`, `Infinity`, `-Infinity`, or `0x` and 16 hex digits of bits.
    func floatWord(_ text: String) -> Double? {
        let word = text.filter { !$0.isWhitespace }
        switch word {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            if word.hasPrefix("0x"), word.utf8.count == 18, let bits = UInt64(word.dropFirst(2), radix: 16) { return Double(bitPattern: bits) }
            return nil
        }
    }

    func sample(_ syntax: ValueSyntax) throws(TextDecodingError) -> ComplexSample {
        switch syntax.kind {
        case .number(let text):
            if let value = DoubleParsing.double(text) { return ComplexSample(value, 0) }
        case .complex(let real, let imaginary):
            return ComplexSample(real, imaginary)
        case .infix(let text):
            if let value = floatWord(text) { return ComplexSample(value, 0) }
        default:
            break
        }
        throw error("expected a sample: a number such as 0.5, a complex number such as 0.5-0.1j, NaN, Infinity, or complex(re, im)",
                    at: syntax.range.start)
    }

    /// A binary32 (waveform epsilon), read from its own decimal text.
    func float32(_ syntax: ValueSyntax) throws(TextDecodingError) -> Float {
        switch syntax.kind {
        case .number(let text):
            if let value = Float(text) { return value }
        case .infix(let text):
            let word = text.filter { !$0.isWhitespace }
            switch word {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default:
                if word.hasPrefix("0x"), word.utf8.count == 10, let bits = UInt32(word.dropFirst(2), radix: 16) { return Float(bitPattern: bits) }
            }
        default:
            break
        }
        throw error("expected epsilon as a number (stored as a 32-bit float)", at: syntax.range.start)
    }

    func bool(_ syntax: ValueSyntax, _ what: String) throws(TextDecodingError) -> Bool {
        if case .infix(let text) = syntax.kind {
            switch text {
            case "true", "True": return true
            case "false", "False": return false
            default: break
            }
        }
        throw error("expected \(what)=true or false", at: syntax.range.start)
    }

    func optionalString(_ syntax: ValueSyntax, _ what: String) throws(TextDecodingError) -> String? {
        switch syntax.kind {
        case .none: return nil
        case .string(let text): return text
        default: throw error("expected \(what) as a string, or None", at: syntax.range.start)
        }
    }

    // MARK: - Symbolic pulses

    static let explicitLabels = ["class", "envelope", "constraints", "valid_amp_conditions"]

    func symbolicPulse(_ callee: NameSyntax, _ arguments: [ArgumentSyntax], attributes: AttributesSyntax?, topLevel: Bool) throws(TextDecodingError) -> SymbolicPulse {
        var labeled: [(label: NameSyntax, value: ValueSyntax)] = []
        for argument in arguments {
            guard let label = argument.label else {
                throw error("pulse arguments are keyword arguments: \(callee.text)(duration=…, …)", at: argument.value.range.start)
            }
            labeled.append((label, argument.value))
        }
        func reserved(_ name: String) -> ValueSyntax? { labeled.first { !$0.label.isQuoted && $0.label.text == name }?.value }
        let explicit = reserved("envelope") != nil
        // A pulse with explicit expressions keeps its parameters as written, repeated names
        // included (QPY stores a list); a standard shape's parameters are a set.
        var seen: Set<String> = []
        for (label, _) in labeled {
            let isParameter = label.isQuoted || !(["duration", "name", "limit_amplitude"] + Self.explicitLabels).contains(label.text)
            guard seen.insert((label.isQuoted ? "\"" : "") + label.text).inserted || (explicit && isParameter) else {
                throw error("duplicate argument '\(label.text)'", at: label.range.start)
            }
        }
        let context = SymbolicExpression.Encoding.qiskitDefault(
            version: header.version, header: header.symbolicEncoding, inTopLevelProgram: topLevel, symengineVersion: symengineVersion)
        guard let durationSyntax = reserved("duration") else {
            throw error("\(callee.text) is missing duration=…", at: callee.range.start)
        }
        var pulse = SymbolicPulse(
            pulseType: callee.text, className: nil, duration: try value(durationSyntax), parameters: [], envelope: nil, constraints: nil,
            validAmplitudeConditions: nil, limitAmplitude: true, name: nil)
        if let syntax = reserved("name") { pulse.name = try optionalString(syntax, "the pulse name") }
        if let syntax = reserved("limit_amplitude") { pulse.limitAmplitude = try bool(syntax, "limit_amplitude") }
        var fixed = ["duration", "name", "limit_amplitude"]
        if explicit {
            _ = try self.attributes(attributes, allowed: [], in: "a pulse with explicit expressions (put them on each expression)")
            fixed += Self.explicitLabels
            pulse.className = header.version >= 6 ? "SymbolicPulse" : nil
            if let syntax = reserved("class") {
                switch syntax.kind {
                case .none: pulse.className = nil
                case .string(let text): pulse.className = text
                case .infix(let text) where SymbolNames.isIdentifier(text): pulse.className = text
                default: throw error("expected class=SymbolicPulse, ScalableSymbolicPulse, a string, or None", at: syntax.range.start)
                }
            }
            pulse.envelope = try pulseExpression(reserved("envelope"), context: context)
            pulse.constraints = try pulseExpression(reserved("constraints"), context: context)
            pulse.validAmplitudeConditions = try pulseExpression(reserved("valid_amp_conditions"), context: context)
            for (label, syntax) in labeled where label.isQuoted || !fixed.contains(label.text) {
                pulse.parameters.append(PulseParameter(label.text, try value(syntax)))
            }
            return pulse
        }
        for name in Self.explicitLabels {
            if let label = labeled.first(where: { !$0.label.isQuoted && $0.label.text == name })?.label {
                throw error("\(name)= goes with envelope=: a pulse whose expressions are written out", at: label.range.start)
            }
        }
        guard StandardPulses.isStandard(callee.text) else {
            let hint = Suggestion.closest(to: callee.text, in: StandardPulses.pulseTypes).map { " (did you mean '\($0)'?)" } ?? ""
            throw error("unknown pulse shape '\(callee.text)'\(hint); the standard shapes are \(StandardPulses.pulseTypes.joined(separator: ", ")); a custom pulse needs envelope=…",
                        at: callee.range.start)
        }
        let details = try self.attributes(attributes, allowed: ["encoding", "form"], in: "a standard pulse")
        var encoding = context
        if let syntax = details["encoding"] {
            guard case .string(let name) = syntax.kind, let parsed = SymbolicExpression.Encoding(name: name) else {
                throw error("expected encoding=\"srepr\" or \"symengine-<major>.<minor>\"", at: syntax.range.start)
            }
            encoding = parsed
        }
        let optionNames = StandardPulses.optionNames(callee.text)
        var options = StandardPulses.optionDefaults[callee.text] ?? []
        var written: [(label: NameSyntax, value: ValueSyntax)] = []
        for (label, syntax) in labeled where label.isQuoted || !fixed.contains(label.text) {
            if !label.isQuoted, let position = optionNames.firstIndex(of: label.text) {
                guard case .infix(let text) = syntax.kind, SymbolNames.isIdentifier(text) else {
                    throw error("expected \(label.text)=true or false", at: syntax.range.start)
                }
                options[position].value = text.lowercased()
                continue
            }
            written.append((label, syntax))
        }
        let kind = StandardEncoding(encoding)
        let names = written.map(\.label.text)
        let matching = StandardPulses.matching(pulseType: callee.text, encoding: kind, qiskitVersion: qiskitVersionText, parameters: Set(names),
                                               options: options)
        guard !matching.isEmpty else {
            throw diagnoseStandard(callee, written: written, options: options, labeled: labeled, encoding: kind)
        }
        var form = 1
        if let syntax = details["form"] {
            guard case .number(let text) = syntax.kind, let number = Int(text), (1...matching.count).contains(number) else {
                throw error("form=\(syntax.kind.numberText ?? "?") is out of range: \(matching.count) standard \(callee.text) expression trees are known here (form=1 to \(matching.count))",
                            at: syntax.range.start)
            }
            form = number
        }
        let shape = matching[form - 1]
        pulse.className = shape.className
        for name in shape.parameters {
            guard let item = written.first(where: { $0.label.text == name }) else { continue }
            pulse.parameters.append(PulseParameter(name, try value(item.value)))
        }
        pulse.envelope = shape.envelope.map { SymbolicExpression(expression: $0, encoding: encoding) }
        pulse.constraints = shape.constraints.map { SymbolicExpression(expression: $0, encoding: encoding) }
        pulse.validAmplitudeConditions = shape.conditions.map { SymbolicExpression(expression: $0, encoding: encoding) }
        return pulse
    }

    /// Why no standard shape matches the written parameters.
    private func diagnoseStandard(_ callee: NameSyntax, written: [(label: NameSyntax, value: ValueSyntax)], options: [StandardShape.Option],
                                  labeled: [(label: NameSyntax, value: ValueSyntax)], encoding: StandardEncoding) -> TextDecodingError {
        let all = StandardPulses.candidates(pulseType: callee.text, encoding: encoding, qiskitVersion: qiskitVersionText)
        let encodingName = encoding == .srepr ? "sympy (srepr)" : "symengine"
        guard !all.isEmpty else {
            return error("no standard \(callee.text) is known in the \(encodingName) encoding; write its expressions with envelope=…", at: callee.range.start)
        }
        let sameOptions = all.filter { $0.options == options }
        guard let reference = sameOptions.first else {
            let described = options.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            let label = labeled.first { StandardPulses.optionNames(callee.text).contains($0.label.text) }?.label ?? callee
            return error("no standard \(callee.text) has \(described)", at: label.range.start)
        }
        let expected = (["duration"] + reference.parameters).joined(separator: ", ")
        for (label, _) in written where !reference.parameters.contains(label.text) {
            let hint = Suggestion.closest(to: label.text, in: reference.parameters).map { " (did you mean '\($0)'?)" } ?? ""
            return error("\(callee.text) has no parameter '\(label.text)'\(hint); its parameters are \(expected)", at: label.range.start)
        }
        let missing = reference.parameters.filter { name in !written.contains { $0.label.text == name } }
        return error("\(callee.text) is missing \(missing.map { "\($0)=…" }.joined(separator: ", ")); its parameters are \(expected)", at: callee.range.start)
    }

    /// An explicit pulse expression: infix text or a declared envelope's name, with its storage.
    func pulseExpression(_ syntax: ValueSyntax?, context: SymbolicExpression.Encoding) throws(TextDecodingError) -> SymbolicExpression? {
        guard let syntax else { return nil }
        if case .none = syntax.kind {
            if let attributes = syntax.attributes { throw error("None has no storage details", at: attributes.range.start) }
            return nil
        }
        let tree: Expression
        if case .infix(let text) = syntax.kind, let declared = envelopes[text] {
            tree = declared
        } else {
            tree = try pulseExpressionTree(syntax)
        }
        let details = try attributes(syntax.attributes, allowed: ["encoding", "zlib"], in: "a pulse expression")
        var expression = SymbolicExpression(expression: tree, encoding: context)
        if let encoding = details["encoding"] {
            guard case .string(let name) = encoding.kind, let parsed = SymbolicExpression.Encoding(name: name) else {
                throw error("expected encoding=\"srepr\" or \"symengine-<major>.<minor>\"", at: encoding.range.start)
            }
            expression.encoding = parsed
        }
        if let zlib = details["zlib"] { expression.compressedBytes = try hexBytes(zlib, "the zlib stream") }
        return expression
    }
}
