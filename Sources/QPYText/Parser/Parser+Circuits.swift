import QPYDiagnostics
import QPYModel

/// Circuit sections: the block, its statements, instructions and their parameters.
extension Parser {
    /// `circuit NAME[, qubits=N][, clbits=M] [@qpy(…)] { … }`; the keyword is the current token.
    mutating func parseCircuit(parentIndentation: Int) throws(TextDecodingError) -> CircuitSyntax {
        let keyword = current
        try enter(at: keyword.start)
        defer { leave() }
        advance()
        let name = try parseName("a circuit name")
        var arguments: [ArgumentSyntax] = []
        while eat(",") {
            guard current.kind == .identifier, peek().kind == .punctuation, matches(peek(), "=") else {
                throw unexpected("expected qubits=N or clbits=N after the circuit name")
            }
            let label = try parseName("qubits or clbits")
            advance()
            guard current.kind == .number else { throw unexpected("expected the number of \(label.text) (a non-negative integer)") }
            arguments.append(ArgumentSyntax(label: label, value: ValueSyntax(kind: .number(text(current)), range: range(current))))
            advance()
        }
        let attributes = at("@") ? try parseAttributes() : nil
        guard at("{") else { throw unexpected("expected '{' to open the circuit") }
        let open = current
        advance()
        let (body, endTrivia) = try parseBlockBody(
            open: open, parentIndentation: parentIndentation, kind: "circuit", name: name, statementsOf: "a circuit's",
            parseStatement: { (parser: inout Parser, indentation: Int) throws(TextDecodingError) in
                try parser.parseCircuitStatement(indentation: indentation)
            },
            statementName: Self.circuitStatementName)
        return CircuitSyntax(keywordRange: range(keyword), name: name, arguments: arguments, attributes: attributes, body: body,
                             endTrivia: endTrivia, openRange: range(open))
    }

    static func circuitStatementName(_ node: CircuitStatement) -> String {
        switch node {
        case .metadata: return "metadata"
        case .globalPhase: return "the global phase"
        case .register: return "the register"
        case .variable: return "the variable"
        case .namespace: return "the annotation namespace"
        case .definition(let definition):
            if case .circuit = definition.body { return "'}'" }
            return "the definition"
        case .operation: return "the instruction"
        case .calibration: return "'}'"
        case .layout: return "the layout"
        }
    }

    static let definitionKinds: [String: UInt8] = [
        "gate": UInt8(ascii: "g"), "instruction": UInt8(ascii: "i"), "pauli_evolution": UInt8(ascii: "p"),
        "controlled_gate": UInt8(ascii: "c"), "annotated_operation": UInt8(ascii: "a"),
    ]

    mutating func parseCircuitStatement(indentation: Int) throws(TextDecodingError) -> CircuitStatement {
        if current.kind == .string { return .operation(try parseOperation(indentation: indentation)) }
        guard current.kind == .identifier else {
            throw unexpected("expected an instruction, a register, a definition, a calibration or another circuit statement")
        }
        let word = text(current)
        switch word {
        case "metadata":
            advance()
            let (value, range) = try parseJSON()
            return .metadata(value, range)
        case "global_phase":
            advance()
            return .globalPhase(try parseValue(multiline: false))
        case "qreg", "creg", "areg":
            return .register(try parseRegister())
        case "input", "captured", "var", "stretch":
            return .variable(try parseVariable())
        case "annotation_namespace":
            advance()
            let name = try parseName("the namespace")
            try expect("=", "after the namespace (annotation_namespace \"ns\" = \"<hex state>\")")
            return .namespace(name, try parseValue(multiline: false))
        case "calibration":
            return .calibration(try parseCalibration(indentation: indentation))
        case "layout":
            advance()
            return .layout(try parseLayout())
        case "definition" where peek().kind == .punctuation && matches(peek(), "("):
            let keyword = current
            advance()
            advance()
            let kind = try parseInteger("the definition kind (a byte)", as: UInt8.self)
            try expect(")", "after the definition kind")
            index -= 1
            var definition = try parseDefinition(kind, indentation: indentation)
            definition.keywordRange = range(keyword)
            return .definition(definition)
        default:
            if let kind = Self.definitionKinds[word], peek().kind == .identifier || peek().kind == .string {
                return .definition(try parseDefinition(kind, indentation: indentation))
            }
            return .operation(try parseOperation(indentation: indentation))
        }
    }

    mutating func parseInteger<T: FixedWidthInteger>(_ what: String, as type: T.Type) throws(TextDecodingError) -> T {
        var negative = false
        let start = current
        if at("-") {
            negative = true
            advance()
        }
        if negative, !T.isSigned { throw error("expected \(what)", at: start.start) }
        // The sign is read with the digits, so that the most negative value (-2^63) reads too.
        guard current.kind == .number, let value = T((negative ? "-" : "") + text(current)) else { throw unexpected("expected \(what)") }
        advance()
        return value
    }

    mutating func parseIntegerList<T: FixedWidthInteger>(_ what: String, as type: T.Type) throws(TextDecodingError) -> [T] {
        try expect("[", "to open the list of \(what)")
        var items: [T] = []
        while !at("]") {
            items.append(try parseInteger(what, as: T.self))
            guard eat(",") else { break }
        }
        try expect("]", "to close the list of \(what)")
        return items
    }

    mutating func parseRegister() throws(TextDecodingError) -> RegisterSyntax {
        let keyword = current
        let word = text(keyword)
        advance()
        let name = try parseName("a register name")
        try expect("[", "and the register size after its name (qreg q[2])")
        let sizeToken = current
        let size = try parseInteger("the register size (a non-negative integer)", as: Int.self)
        guard size >= 0 else { throw error("expected the register size (a non-negative integer)", at: sizeToken.start) }
        try expect("]", "after the register size")
        var indices: [Int64]?
        var indicesRange: SourceRange?
        if eat("=") {
            let start = current.start
            indices = try parseIntegerList("bit indices", as: Int64.self)
            indicesRange = SourceRange(start: start, end: tokens[index - 1].end)
        }
        var standalone = true
        var inCircuit = true
        while at(","), peek().kind == .identifier, ["standalone", "in_circuit"].contains(text(peek())) {
            advance()
            guard peek().kind == .punctuation, matches(peek(), "=") else { throw unexpected("expected standalone=false or in_circuit=false") }
            let option = text(current)
            advance()
            advance()
            guard atWord("true") || atWord("false") else { throw unexpected("expected true or false") }
            let flag = atWord("true")
            advance()
            if option == "standalone" { standalone = flag } else { inCircuit = flag }
        }
        let attributes = at("@") ? try parseAttributes() : nil
        let kind: BitKind = word == "qreg" ? .quantum : word == "creg" ? .classical : .ancilla
        return RegisterSyntax(kind: kind, keywordRange: range(keyword), name: name, size: size, sizeRange: range(sizeToken), indices: indices,
                              indicesRange: indicesRange, standalone: standalone, inCircuit: inCircuit, attributes: attributes)
    }

    mutating func parseVariable() throws(TextDecodingError) -> VariableSyntax {
        var usage: UInt8
        if atWord("input") || atWord("captured") {
            let captured = atWord("captured")
            advance()
            if atWord("var") {
                usage = captured ? UInt8(ascii: "C") : UInt8(ascii: "I")
            } else if captured, atWord("stretch") {
                usage = UInt8(ascii: "A")
            } else {
                throw unexpected(captured ? "expected 'var' or 'stretch' after 'captured'" : "expected 'var' after 'input'")
            }
        } else {
            usage = atWord("stretch") ? UInt8(ascii: "O") : UInt8(ascii: "L")
        }
        advance()
        let name = try parseName("a variable name")
        var type: ClassicalType?
        if eat(":") { type = try parseClassicalType() }
        var uuid: ParameterUUID?
        if eat("=") {
            guard current.kind == .uuid, let value = ParameterUUID(text(current)) else {
                throw unexpected("expected the variable's UUID such as 4f9d6c1e-8a2b-4c3d-9e0f-123456789abc")
            }
            uuid = value
            advance()
        }
        let attributes = at("@") ? try parseAttributes() : nil
        return VariableSyntax(usage: usage, name: name, type: type, uuid: uuid, attributes: attributes)
    }

    /// `bool`, `uint[8]`, `float`, `duration`.
    mutating func parseClassicalType() throws(TextDecodingError) -> ClassicalType {
        switch true {
        case atWord("bool"): advance(); return .bool
        case atWord("float"): advance(); return .float
        case atWord("duration"): advance(); return .duration
        case atWord("uint"):
            advance()
            try expect("[", "and the width after 'uint' (uint[8])")
            let width = try parseInteger("the width of the uint type", as: UInt32.self)
            try expect("]", "after the width")
            return .uint(width: width)
        default:
            throw unexpected("expected a classical type (bool, uint[N], float or duration)")
        }
    }

    mutating func parseDefinition(_ kind: UInt8, indentation: Int) throws(TextDecodingError) -> DefinitionSyntax {
        let keyword = current
        advance()
        let name = try parseName("the definition's name")
        var definition = DefinitionSyntax(kind: kind, keywordRange: range(keyword), name: name, body: .none)
        while eat(",") {
            guard current.kind == .identifier, peek().kind == .punctuation, matches(peek(), "=") else {
                throw unexpected("expected qubits=, clbits=, ctrl= or base= in the definition")
            }
            let option = text(current)
            let optionToken = current
            advance()
            advance()
            switch option {
            case "qubits": definition.qubits = try parseInteger("the number of qubits", as: UInt32.self)
            case "clbits": definition.clbits = try parseInteger("the number of clbits", as: UInt32.self)
            case "ctrl": definition.control = try parsePair("ctrl=(control qubits, control state)")
            case "base":
                try expect("(", "around the base operation (base=(name …))")
                definition.base = try parseOperation(indentation: indentation, inParentheses: true)
                try expect(")", "after the base operation")
            default:
                let hint = Suggestion.closest(to: option, in: ["qubits", "clbits", "ctrl", "base"]).map { " (did you mean '\($0)'?)" } ?? ""
                throw error("unknown definition option '\(option)'\(hint); expected qubits, clbits, ctrl or base", at: optionToken.start)
            }
        }
        try expect("=", "and the definition's body (= circuit NAME { … }, = None or = PauliEvolution(…))")
        if atWord("None") {
            advance()
        } else if atWord("circuit") {
            definition.body = .circuit(try parseCircuit(parentIndentation: indentation))
        } else if atWord("PauliEvolution") {
            definition.body = .pauliEvolution(try parseValue(multiline: false, allowCalls: true))
        } else {
            throw unexpected("expected the definition's body: circuit NAME { … }, None or PauliEvolution(…)")
        }
        return definition
    }

    /// `(a, b)` of two non-negative integers.
    mutating func parsePair(_ what: String) throws(TextDecodingError) -> (UInt32, UInt32) {
        try expect("(", "to open \(what)")
        let first = try parseInteger(what, as: UInt32.self)
        try expect(",", "in \(what)")
        let second = try parseInteger(what, as: UInt32.self)
        try expect(")", "to close \(what)")
        return (first, second)
    }

    mutating func parseCalibration(indentation: Int) throws(TextDecodingError) -> CalibrationSyntax {
        advance()
        let gate = try parseName("the calibrated gate's name")
        var parameters: [ValueSyntax] = []
        if at("("), current.start == gate.range.end {
            advance()
            skipNewlines()
            while !at(")") {
                parameters.append(try parseValue(multiline: true))
                skipNewlines()
                guard eat(",") else { break }
                skipNewlines()
            }
            try expect(")", "to close the calibration's parameters")
        }
        var qubits: [Int64] = []
        while !at("=") {
            qubits.append(try parseInteger("a physical qubit (an integer) or '='", as: Int64.self))
            guard eat(",") else { break }
        }
        try expect("=", "after the calibration's qubits (calibration x 0 = schedule NAME { … })")
        guard atWord("schedule") else { throw unexpected("expected 'schedule NAME { … }' after '='") }
        return CalibrationSyntax(gate: gate, parameters: parameters, qubits: qubits, block: try parseBlock(parentIndentation: indentation))
    }

    mutating func parseLayout() throws(TextDecodingError) -> LayoutSyntax {
        var layout = LayoutSyntax(extra: [])
        var first = true
        while !atEndOfLine {
            if !first { try expect(",", "between layout fields") }
            first = false
            guard current.kind == .identifier, peek().kind == .punctuation, matches(peek(), "=") else {
                throw unexpected("expected initial=, input=, final=, input_qubit_count= or extra=")
            }
            let field = text(current)
            let fieldToken = current
            advance()
            advance()
            switch field {
            case "initial":
                try expect("[", "to open the initial layout")
                var bits: [LayoutBit?] = []
                while !at("]") {
                    if atWord("None") {
                        advance()
                        bits.append(nil)
                    } else {
                        let name = try parseName("a register name or None")
                        try expect("[", "and the bit's index (q[0])")
                        let position = try parseInteger("the bit's index", as: Int32.self)
                        try expect("]", "after the bit's index")
                        bits.append(LayoutBit(register: name.text, index: position))
                    }
                    guard eat(",") else { break }
                }
                try expect("]", "to close the initial layout")
                layout.initial = bits
            case "input": layout.input = try parseIntegerList("physical qubits", as: UInt32.self)
            case "final": layout.final = try parseIntegerList("qubit indices", as: UInt32.self)
            case "input_qubit_count": layout.inputQubitCount = try parseInteger("the input qubit count", as: Int32.self)
            case "extra":
                guard atWord("qreg") || atWord("creg") || atWord("areg") else { throw unexpected("expected a register (qreg NAME[N] = […])") }
                layout.extra.append(try parseRegister())
            default:
                let hint = Suggestion.closest(to: field, in: ["initial", "input", "final", "input_qubit_count", "extra"]).map { " (did you mean '\($0)'?)" } ?? ""
                throw error("unknown layout field '\(field)'\(hint); expected initial, input, final, input_qubit_count or extra", at: fieldToken.start)
            }
        }
        return layout
    }

    // MARK: - Instructions

    /// `name[(params)] [qubits] [-> clbits] [, option=value…]`.
    mutating func parseOperation(indentation: Int, inParentheses: Bool = false) throws(TextDecodingError) -> OperationSyntax {
        let name = try parseName("an instruction name")
        var operation = OperationSyntax(name: name, parameters: [], qubits: [], clbits: [], annotations: [])
        if at("("), current.start == name.range.end {
            let open = current
            advance()
            try enter(at: open.start)
            skipNewlines()
            while !at(")") {
                operation.parameters.append(try parseInstructionParameter(indentation: indentation))
                skipNewlines()
                guard eat(",") else { break }
                skipNewlines()
            }
            guard at(")") else {
                throw unexpected("expected ',' or ')' in the parameters of '\(name.text)' opened on line \(source.lineNumber(of: open.start))")
            }
            advance()
            leave()
        }
        var clbits = false
        var first = true
        while !atEndOfLine && !at("@") && !(inParentheses && at(")")) {
            if !first {
                if at("->") {
                    guard !clbits else { throw unexpected("expected one '->' between the qubits and the clbits") }
                    advance()
                    clbits = true
                    first = true
                    continue
                }
                try expect(",", "between operands (qubits, '->', clbits, then options such as label=\"…\")")
            }
            first = false
            if at("->") {
                guard !clbits else { throw unexpected("expected one '->' between the qubits and the clbits") }
                advance()
                clbits = true
            }
            if current.kind == .identifier, peek().kind == .punctuation, matches(peek(), "=") {
                try parseOperationOption(into: &operation)
            } else {
                let bit = try parseBit()
                if clbits { operation.clbits.append(bit) } else { operation.qubits.append(bit) }
            }
        }
        return operation
    }

    mutating func parseOperationOption(into operation: inout OperationSyntax) throws(TextDecodingError) {
        let token = current
        let option = text(token)
        advance()
        advance()
        switch option {
        case "label":
            guard current.kind == .string else { throw unexpected("expected the label as a string") }
            operation.label = try parseName("the label").text
        case "counts": operation.counts = try parsePair("counts=(qubits, clbits)")
        case "ctrl": operation.control = try parsePair("ctrl=(control qubits, control state)")
        case "c_if":
            try expect("(", "to open c_if=(register or clbit, value)")
            let target = try parseTarget()
            try expect(",", "and the value in c_if=(register or clbit, value)")
            let value = try parseInteger("the condition's value (an integer)", as: Int64.self)
            try expect(")", "to close c_if=(…)")
            operation.legacyCondition = (target, value)
        case "if": operation.condition = try parseClassical()
        case "annotations":
            try expect("[", "to open the annotations")
            while !at("]") {
                try expect("(", "to open an annotation (namespace index, \"<hex payload>\")")
                let namespace = try parseInteger("the annotation's namespace index", as: UInt32.self)
                try expect(",", "and the payload")
                guard current.kind == .string, let bytes = HexText.bytes(StringLiteral.value(source.bytes[current.start..<current.end])) else {
                    throw unexpected("expected the annotation payload as a string of hex digits")
                }
                advance()
                try expect(")", "to close the annotation")
                operation.annotations.append(InstructionAnnotation(namespaceIndex: namespace, payload: bytes))
                guard eat(",") else { break }
            }
            try expect("]", "to close the annotations")
        default:
            let known = ["label", "if", "c_if", "ctrl", "counts", "annotations"]
            let hint = Suggestion.closest(to: option, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw error("unknown instruction option '\(option)'\(hint); expected label, if, c_if, ctrl, counts or annotations", at: token.start)
        }
    }

    /// `q[0]` or `$3`.
    mutating func parseBit() throws(TextDecodingError) -> BitSyntax {
        let start = current
        if current.kind == .identifier, text(current).hasPrefix("$") {
            guard let index = Int(text(current).dropFirst()) else { throw unexpected("expected a bit index after '$'") }
            advance()
            return BitSyntax(register: nil, index: index, range: range(start))
        }
        guard current.kind == .identifier || current.kind == .string else {
            throw unexpected("expected a qubit or clbit such as q[0] or $0")
        }
        let name = try parseName("a register name")
        guard at("[") else { throw unexpected("expected '[' and the bit's position in register '\(name.text)' (\(name.text)[0])") }
        advance()
        let position = try parseInteger("the bit's position in the register", as: Int.self)
        let close = try expect("]", "after the bit's position")
        return BitSyntax(register: name.text, index: position, range: SourceRange(start: start.start, end: close.end))
    }

    /// A register name, `register("name")`, or a bit.
    mutating func parseTarget() throws(TextDecodingError) -> TargetSyntax {
        if atWord("register"), peek().kind == .punctuation, matches(peek(), "(") {
            let start = current
            advance()
            advance()
            guard current.kind == .string else { throw unexpected("expected the register name as a string") }
            let name = try parseName("the register name")
            let close = try expect(")", "after the register name")
            return .register(name.text, SourceRange(start: start.start, end: close.end), explicit: true)
        }
        if current.kind == .identifier, !text(current).hasPrefix("$"), !(peek().kind == .punctuation && matches(peek(), "[")) {
            let token = current
            advance()
            return .register(text(token), range(token), explicit: false)
        }
        return .bit(try parseBit())
    }

    /// Whether the parenthesis at the current token opens a tuple: it holds a comma at its own
    /// level, or nothing.
    func atTuple() -> Bool {
        guard at("(") else { return false }
        var probe = self
        probe.advance()
        var level = 0
        if probe.at(")") { return true }
        while probe.current.kind != .end {
            if probe.at("(") || probe.at("[") || probe.at("{") { level += 1 }
            if probe.at(")") || probe.at("]") || probe.at("}") {
                if level == 0 { return false }
                level -= 1
            }
            if level == 0, probe.at(",") { return true }
            probe.advance()
        }
        return false
    }

    func atCall(_ word: StaticString) -> Bool { atWord(word) && peek().kind == .punctuation && matches(peek(), "(") && peek().start == current.end }

    mutating func parseInstructionParameter(indentation: Int) throws(TextDecodingError) -> ParameterSyntax {
        if atWord("circuit"), peek().kind == .identifier || peek().kind == .string {
            return .circuit(try parseCircuit(parentIndentation: indentation))
        }
        if atTuple() {
            let open = current
            advance()
            try enter(at: open.start)
            defer { leave() }
            var items: [ParameterSyntax] = []
            skipNewlines()
            while !at(")") {
                items.append(try parseInstructionParameter(indentation: indentation))
                skipNewlines()
                guard eat(",") else { break }
                skipNewlines()
            }
            try expect(")", "to close the tuple")
            return .tuple(items)
        }
        if atWord("default"), nextEndsValue(multiline: true) {
            advance()
            return .caseDefault
        }
        if atWord("inverse"), nextEndsValue(multiline: true) {
            advance()
            return .modifier(Modifier(kind: UInt8(ascii: "i"), numCtrlQubits: 0, ctrlState: 0, power: 0))
        }
        for word: StaticString in ["range", "numpy", "target", "classical", "control", "power", "modifier", "bool"] where atCall(word) {
            advance()
            advance()
            defer { _ = eat(")") }
            switch word.description {
            case "range":
                let start = try parseInteger("the range's start", as: Int64.self)
                try expect(",", "in range(start, stop, step)")
                let stop = try parseInteger("the range's stop", as: Int64.self)
                try expect(",", "in range(start, stop, step)")
                let step = try parseInteger("the range's step", as: Int64.self)
                guard at(")") else { throw unexpected("expected ')' to close range(start, stop, step)") }
                return .range(start, stop, step)
            case "numpy":
                guard current.kind == .string, let bytes = HexText.bytes(StringLiteral.value(source.bytes[current.start..<current.end])) else {
                    throw unexpected("expected the array's .npy bytes as a string of hex digits")
                }
                advance()
                guard at(")") else { throw unexpected("expected ')' to close numpy(…)") }
                return .numpy(bytes)
            case "target":
                let target = try parseTarget()
                guard at(")") else { throw unexpected("expected ')' to close target(…)") }
                return .target(target)
            case "classical":
                let expression = try parseClassical()
                guard at(")") else { throw unexpected("expected ')' to close classical(…)") }
                return .classical(expression)
            case "control":
                let count = try parseInteger("the number of control qubits", as: UInt32.self)
                try expect(",", "and the control state in control(qubits, state)")
                let state = try parseInteger("the control state", as: UInt32.self)
                guard at(")") else { throw unexpected("expected ')' to close control(…)") }
                return .modifier(Modifier(kind: UInt8(ascii: "c"), numCtrlQubits: count, ctrlState: state, power: 0))
            case "power":
                guard let power = parseFloatWord() else { throw unexpected("expected the power (a float)") }
                guard at(")") else { throw unexpected("expected ')' to close power(…)") }
                return .modifier(Modifier(kind: UInt8(ascii: "p"), numCtrlQubits: 0, ctrlState: 0, power: power))
            case "modifier":
                let kind = try parseInteger("the modifier kind (a byte)", as: UInt8.self)
                try expect(",", "in modifier(kind, qubits, state, power)")
                let count = try parseInteger("the number of control qubits", as: UInt32.self)
                try expect(",", "in modifier(kind, qubits, state, power)")
                let state = try parseInteger("the control state", as: UInt32.self)
                try expect(",", "in modifier(kind, qubits, state, power)")
                guard let power = parseFloatWord() else { throw unexpected("expected the power (a float)") }
                guard at(")") else { throw unexpected("expected ')' to close modifier(…)") }
                return .modifier(Modifier(kind: kind, numCtrlQubits: count, ctrlState: state, power: power))
            default:
                guard atWord("true") || atWord("false") else { throw unexpected("expected true or false") }
                let flag = atWord("true")
                advance()
                guard at(")") else { throw unexpected("expected ')' to close bool(…)") }
                return .bool(flag)
            }
        }
        return .value(try parseValue(multiline: true))
    }
}
