import QPYDiagnostics
import QPYExpression
import QPYModel

extension TextEncoder {
    static let pulseLabels: Set<String> = ["duration", "name", "limit_amplitude", "class", "envelope", "constraints", "valid_amp_conditions"]

    func pulseText(_ operand: PulseOperand, topLevel: Bool) -> String {
        switch operand {
        case .waveform(let waveform): return (waveformNames.isEmpty ? nil : waveformNames[waveform]) ?? waveformCall(waveform)
        case .symbolicPulse(let pulse): return symbolicPulseText(pulse, topLevel: topLevel)
        default: return ""
        }
    }

    // MARK: - Waveforms

    /// `Waveform([samples], name=…, epsilon=…, limit_amplitude=…)`, the samples wrapped at
    /// ``TextEncodingOptions/samplesPerLine`` per line when there are more.
    func waveformCall(_ waveform: Waveform) -> String {
        let samples = waveform.samples
        // Written straight into one byte buffer: no String per sample.
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(samples.count * 40 + 2)
        if samples.count <= options.samplesPerLine {
            for (index, sample) in samples.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: " ")) }
                Self.writeSample(sample, into: &bytes)
            }
        } else {
            bytes.append(UInt8(ascii: "\n"))
            var start = 0
            while start < samples.count {
                let end = min(start + options.samplesPerLine, samples.count)
                bytes.append(contentsOf: writer.indentUnit.utf8)
                for index in start..<end {
                    if index > start { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: " ")) }
                    Self.writeSample(samples[index], into: &bytes)
                }
                bytes.append(contentsOf: (end < samples.count ? ",\n" : "\n").utf8)
                start = end
            }
        }
        bytes.append(UInt8(ascii: "]"))
        let list = String(decoding: bytes, as: UTF8.self)
        var arguments = [list]
        if let name = waveform.name { arguments.append("name=" + StringLiteral.quoted(name)) }
        if waveform.epsilon.bitPattern != Float(1e-7).bitPattern { arguments.append("epsilon=" + Self.float32Word(waveform.epsilon)) }
        if !waveform.limitAmplitude { arguments.append("limit_amplitude=false") }
        var text = "Waveform(" + arguments.joined(separator: ", ") + ")"
        if let header = waveform.storage.headerText { text += " @qpy(npy_header=" + StringLiteral.quoted(header) + ")" }
        return text
    }

    static func float32Word(_ value: Float) -> String {
        if value.isFinite { return value.description }
        if value == .infinity { return "Infinity" }
        if value == -.infinity { return "-Infinity" }
        if value.bitPattern == Float.nan.bitPattern { return "NaN" }
        let hex = String(value.bitPattern, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    // MARK: - Symbolic pulses

    func contextEncoding(topLevel: Bool) -> SymbolicExpression.Encoding {
        .qiskitDefault(version: version, header: file.header.symbolicEncoding, inTopLevelProgram: topLevel, symengineVersion: symengineVersion)
    }

    /// The standard shape a pulse is, and its `form` number, when it can be written by name.
    func standardForm(_ pulse: SymbolicPulse, topLevel: Bool) -> (shape: StandardShape, form: Int, encoding: SymbolicExpression.Encoding)? {
        let present = [pulse.envelope, pulse.constraints, pulse.validAmplitudeConditions].compactMap { $0 }
        guard let first = present.first, present.allSatisfy({ $0.encoding == first.encoding && $0.compressedBytes == nil }),
              StandardPulses.isStandard(pulse.pulseType) else { return nil }
        let names = pulse.parameters.map(\.name)
        guard Set(names).count == names.count else { return nil }
        let kind = StandardEncoding(first.encoding)
        for shape in standardShapes.candidates(pulseType: pulse.pulseType, encoding: kind) {
            guard shape.className == pulse.className, shape.parameters == names, shape.envelope == pulse.envelope?.expression,
                  shape.constraints == pulse.constraints?.expression, shape.conditions == pulse.validAmplitudeConditions?.expression,
                  let form = standardShapes.form(of: shape)
            else { continue }
            return (shape, form, first.encoding)
        }
        return nil
    }

    func symbolicPulseText(_ pulse: SymbolicPulse, topLevel: Bool) -> String {
        let context = contextEncoding(topLevel: topLevel)
        var arguments = ["duration=" + valueText(pulse.duration)]
        let callee = SymbolNames.name(pulse.pulseType, avoiding: ["Waveform"])
        if let (shape, form, encoding) = standardForm(pulse, topLevel: topLevel) {
            let reserved = Self.pulseLabels.union(StandardPulses.optionNames(pulse.pulseType))
            for parameter in pulse.parameters { arguments.append(labelText(parameter.name, reserved: reserved) + "=" + valueText(parameter.value)) }
            let defaults = StandardPulses.optionDefaults[pulse.pulseType] ?? []
            for option in shape.options where !defaults.contains(option) { arguments.append(option.name + "=" + option.value) }
            if !pulse.limitAmplitude { arguments.append("limit_amplitude=false") }
            if let name = pulse.name { arguments.append("name=" + StringLiteral.quoted(name)) }
            var details: [String] = []
            if encoding != context { details.append("encoding=\"" + encoding.name + "\"") }
            if form > 1 { details.append("form=\(form)") }
            return callee + "(" + arguments.joined(separator: ", ") + ")" + (details.isEmpty ? "" : " @qpy(" + details.joined(separator: ", ") + ")")
        }
        for parameter in pulse.parameters {
            arguments.append(labelText(parameter.name, reserved: Self.pulseLabels) + "=" + valueText(parameter.value))
        }
        var groups = [arguments]
        let defaultClass: String? = version >= 6 ? "SymbolicPulse" : nil
        if pulse.className != defaultClass { groups.append(["class=" + (pulse.className.map { SymbolNames.name($0, avoiding: ["None"]) } ?? "None")]) }
        groups.append(["envelope=" + pulseExpressionText(pulse.envelope, context: context, mayUseDeclaration: true)])
        if let constraints = pulse.constraints {
            groups.append(["constraints=" + pulseExpressionText(constraints, context: context, mayUseDeclaration: false)])
        }
        if let conditions = pulse.validAmplitudeConditions {
            groups.append(["valid_amp_conditions=" + pulseExpressionText(conditions, context: context, mayUseDeclaration: false)])
        }
        var last: [String] = []
        if !pulse.limitAmplitude { last.append("limit_amplitude=false") }
        if let name = pulse.name { last.append("name=" + StringLiteral.quoted(name)) }
        if !last.isEmpty { groups.append(last) }
        let oneLine = callee + "(" + groups.map { $0.joined(separator: ", ") }.joined(separator: ", ") + ")"
        guard oneLine.unicodeScalars.count > Self.maximumLineLength else { return oneLine }
        // Written out over several lines: the parameters, then each expression on its own line.
        let lines = groups.map { writer.indentUnit + $0.joined(separator: ", ") }
        return callee + "(\n" + lines.joined(separator: ",\n") + "\n)"
    }

    /// Pulses with explicit expressions longer than this are written over several lines.
    static let maximumLineLength = 100

    /// A pulse expression's infix text; a lone symbol or complex literal in parentheses (so it is
    /// not read as a declaration's name, a string or a complex value).
    static func bareExpressionText(_ tree: Expression) -> String {
        switch tree {
        case .symbol, .complex: return "(" + tree.infix + ")"
        default: return tree.infix
        }
    }

    func pulseExpressionText(_ expression: SymbolicExpression?, context: SymbolicExpression.Encoding, mayUseDeclaration: Bool) -> String {
        guard let expression else { return "None" }
        var text = mayUseDeclaration && !envelopeNames.isEmpty ? envelopeNames[expression.expression] ?? Self.bareExpressionText(expression.expression)
            : Self.bareExpressionText(expression.expression)
        var details: [String] = []
        if expression.encoding != context { details.append("encoding=\"" + expression.encoding.name + "\"") }
        if let bytes = expression.compressedBytes { details.append("zlib=\"" + HexText.string(bytes) + "\"") }
        if !details.isEmpty { text += " @qpy(" + details.joined(separator: ", ") + ")" }
        return text
    }
}
