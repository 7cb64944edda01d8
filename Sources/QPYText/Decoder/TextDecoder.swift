import QPYExpression
import QPYModel

/// The syntax tree of a `.qpyasm` file to the IR: resolves names, looks standard pulse shapes up,
/// applies storage details, and reports semantic errors at their positions.
struct TextDecoder {
    let source: SourceText
    let options: TextDecodingOptions
    var header = QPYFileHeader(version: 13, qiskitVersion: QiskitVersion(major: 1, minor: 4, patch: 6), symbolicEncoding: .symengine)
    /// The symengine version of symengine-encoded pulse expressions without an `encoding` detail.
    var symengineVersion = SymengineVersion.v0_13
    var scope = SymbolScope()
    var envelopes: [String: Expression] = [:]
    var waveforms: [String: Waveform] = [:]
    var trivia = TextTrivia()
    /// Whether values being read belong to a circuit (outside its calibrations).
    var inCircuitValues = false
    /// Qubit lists of one or two, shared by the instructions on the same bits.
    let argumentLists = ArgumentListMemo()

    /// Decodes `bytes`; `checkingUTF8`: they have not been validated as UTF-8 yet.
    /// (`complexListsFromBytes: false` reads lists of complex literals token by token, for the
    /// tests that compare both readings.)
    static func decode(_ bytes: [UInt8], fileName: String?, options: TextDecodingOptions,
                       checkingUTF8: Bool = false, complexListsFromBytes: Bool = true) throws(TextDecodingError) -> (QPYFile, TextTrivia) {
        let source = SourceText(bytes: bytes, fileName: fileName)
        let limit = min(options.maximumInputSize, Token.maximumOffset)
        guard bytes.count <= limit else {
            throw source.error("the text is \(bytes.count) bytes; the limit is \(limit)", at: 0)
        }
        if checkingUTF8, let offset = firstInvalidUTF8(bytes) { throw source.error("the text is not valid UTF-8", at: offset) }
        // The parser and its tokens are gone before the syntax tree is decoded.
        let syntax = try { () throws(TextDecodingError) in
            var parser = Parser(source: source, options: options)
            parser.readsComplexListsFromBytes = complexListsFromBytes
            return try parser.parseFile()
        }()
        var decoder = TextDecoder(source: source, options: options)
        let file = try decoder.file(syntax)
        return (file, decoder.trivia)
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil` (ASCII is checked first, fast).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        let ascii = bytes.withUnsafeBytes { raw in
            // Eight bytes at a time: no byte of a word has its high bit set.
            var offset = 0
            while offset + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                offset += 8
            }
            return raw[offset...].allSatisfy { $0 < 0x80 }
        }
        if ascii || String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
        return offset
    }

    func error(_ message: String, at offset: Int) -> TextDecodingError { source.error(message, at: offset) }

    var qiskitVersionText: String { header.qiskitVersion.description }

    // MARK: - File

    mutating func file(_ syntax: SyntaxFile) throws(TextDecodingError) -> QPYFile {
        trivia.leading[.formatVersion] = syntax.leading.isEmpty ? nil : syntax.leading
        if let comment = syntax.versionTrailing { trivia.trailing[.formatVersion] = comment }
        if !syntax.endTrivia.isEmpty { trivia.leading[.fileEnd] = syntax.endTrivia }
        var declared: [String: Int] = [:]
        func checkUnique(_ kind: String, _ name: NameSyntax) throws(TextDecodingError) {
            let key = kind + "\u{0}" + name.text
            if let line = declared[key] { throw error("\(kind) '\(name.text)' is already declared on line \(line)", at: name.range.start) }
            declared[key] = source.lineNumber(of: name.range.start)
        }
        // The header first, then vectors (parameters may name their elements), then the rest.
        for (index, statement) in syntax.statements.enumerated() {
            guard case .header(let headerSyntax) = statement.node else { continue }
            guard index == 0 else { throw error("the qpy header line comes right after 'qpyasm \(qpyasmFormatVersion)'", at: statement.range.start) }
            try readHeader(headerSyntax)
            trivia.record(statement, at: .header)
        }
        for statement in syntax.statements {
            guard case .vector(let vector) = statement.node else { continue }
            try checkUnique("vector", vector.name)
            let realName = vector.realName?.text ?? vector.name.text
            scope.declare(vector: vector.name.text, SymbolScope.Vector(realName: realName, length: vector.length))
            trivia.record(statement, at: .vector(vector.name.text))
        }
        for statement in syntax.statements {
            switch statement.node {
            case .parameter(let declaration):
                try checkUnique("parameter", declaration.name)
                let symbol = try parameter(declaration)
                scope.declare(parameter: declaration.name.text, symbol)
                trivia.record(statement, at: .parameter(symbol))
            case .envelope(let declaration):
                try checkUnique("envelope", declaration.name)
                if let attributes = declaration.expression.attributes {
                    throw error("storage details belong where the envelope is used (envelope=\(declaration.name.text) @qpy(…))",
                                at: attributes.range.start)
                }
                let tree = try pulseExpressionTree(declaration.expression)
                envelopes[declaration.name.text] = tree
                if trivia.envelopeNames[tree] == nil { trivia.envelopeNames[tree] = declaration.name.text }
                trivia.record(statement, at: .envelope(declaration.name.text))
            default:
                break
            }
        }
        for statement in syntax.statements {
            guard case .waveform(let declaration) = statement.node else { continue }
            try checkUnique("waveform", declaration.name)
            guard case .call(let callee, let arguments) = declaration.pulse.kind, callee.text == "Waveform", !callee.isQuoted else {
                throw error("a waveform declaration holds Waveform([samples], …)", at: declaration.pulse.range.start)
            }
            let waveform = try self.waveform(arguments, attributes: declaration.pulse.attributes, at: declaration.pulse.range)
            waveforms[declaration.name.text] = waveform
            if trivia.waveformNames[waveform] == nil { trivia.waveformNames[waveform] = declaration.name.text }
            trivia.record(statement, at: .waveform(declaration.name.text))
        }
        var blocks: [ScheduleBlock] = []
        for statement in syntax.statements {
            guard case .schedule(let block) = statement.node else { continue }
            let path = [PathStep.program(blocks.count)]
            trivia.record(statement, at: .statement(path))
            blocks.append(try self.block(block, topLevel: true, depth: 0, path: path))
        }
        var circuits: [QuantumCircuit] = []
        for statement in syntax.statements {
            guard case .circuit(let circuit) = statement.node else { continue }
            guard blocks.isEmpty else {
                throw error("a file holds schedules or circuits, not both (QPY files hold programs of one kind)", at: circuit.keywordRange.start)
            }
            let path = [PathStep.program(circuits.count)]
            trivia.record(statement, at: .statement(path))
            circuits.append(try self.circuit(circuit, depth: 0, path: path))
        }
        if !circuits.isEmpty { return QPYFile(header: header, programs: .circuits(circuits)) }
        return QPYFile(header: header, programs: .scheduleBlocks(blocks))
    }

    mutating func readHeader(_ syntax: HeaderSyntax) throws(TextDecodingError) {
        guard (1...18).contains(syntax.version) else {
            throw error("QPY versions are 1 to 18 (schedule blocks: 5 to 13)", at: syntax.versionRange.start)
        }
        header.version = syntax.version
        header.symbolicEncoding = syntax.version >= 10 ? .symengine : nil
        var seen: Set<String> = []
        for item in syntax.items {
            guard let label = item.label else { continue }
            guard seen.insert(label.text).inserted else { throw error("duplicate header field '\(label.text)'", at: label.range.start) }
            switch label.text {
            case "qiskit":
                guard case .string(let text) = item.value.kind else { throw error("expected the Qiskit version as a string such as \"1.4.6\"", at: item.value.range.start) }
                let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
                guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2] else {
                    throw error("expected the Qiskit version as a string such as \"1.4.6\"", at: item.value.range.start)
                }
                header.qiskitVersion = QiskitVersion(major: major, minor: minor, patch: patch)
            case "symbolic":
                switch item.value.kind {
                case .none: header.symbolicEncoding = nil
                case .infix("sympy"): header.symbolicEncoding = .sympy
                case .infix("symengine"): header.symbolicEncoding = .symengine
                case .number(let text):
                    guard let byte = UInt8(text) else { throw error("expected sympy, symengine, None or a byte value 0-255", at: item.value.range.start) }
                    header.symbolicEncoding = .other(byte)
                default: throw error("expected sympy, symengine, None or a byte value 0-255", at: item.value.range.start)
                }
            case "symengine":
                guard case .string(let text) = item.value.kind, let version = Self.symengineVersion(text) else {
                    throw error("expected the symengine version as a string such as \"0.13\"", at: item.value.range.start)
                }
                symengineVersion = version
            default:
                let hint = Suggestion.closest(to: label.text, in: ["qiskit", "symbolic", "symengine"]).map { " (did you mean '\($0)'?)" } ?? ""
                throw error("unknown header field '\(label.text)'\(hint); expected qiskit, symbolic or symengine", at: label.range.start)
            }
        }
    }

    static func symengineVersion(_ text: String) -> SymengineVersion? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { UInt16($0) }
        guard parts.count == 2, let major = parts[0], let minor = parts[1] else { return nil }
        return SymengineVersion(major: major, minor: minor)
    }

    func parameter(_ declaration: ParameterDeclSyntax) throws(TextDecodingError) -> ParameterSymbol {
        let name = declaration.name.text
        if let (base, index) = SymbolScope.splitElement(name), let vector = scope.vectors[base] {
            if let real = declaration.realName {
                throw error("a vector element takes its name from its vector; put name= on 'vector \(base)'", at: real.range.start)
            }
            guard index < vector.length else {
                throw error("\(name) is out of range: vector \(base) has length \(vector.length)", at: declaration.name.range.start)
            }
            let realName = "\(vector.realName)[\(index)]"
            return .vectorElement(ParameterVectorElement(vectorName: vector.realName, vectorSize: vector.length, index: index,
                                                         uuid: declaration.uuid?.value ?? .derived(fromName: realName)))
        }
        let realName = declaration.realName?.text ?? name
        return .parameter(Parameter(name: realName, uuid: declaration.uuid?.value ?? .derived(fromName: realName)))
    }

    // MARK: - Blocks

    mutating func block(_ syntax: BlockSyntax, topLevel: Bool, depth: Int, path: [PathStep]) throws(TextDecodingError) -> ScheduleBlock {
        guard depth <= options.maximumDepth else {
            throw error("blocks nested deeper than \(options.maximumDepth) levels", at: syntax.keywordRange.start)
        }
        let alignment = try self.alignment(syntax.alignment)
        let details = try attributes(syntax.attributes, allowed: ["metadata_text", "references"], in: "a block")
        var metadata: JSONValue = .emptyObject
        var metadataSeen = false
        var elements: [ScheduleElement] = []
        var references: [ScheduleReference] = []
        for statement in syntax.body {
            switch statement.node {
            case .metadata(let value, let range):
                guard !metadataSeen else { throw error("duplicate metadata: a block has one metadata statement", at: range.start) }
                metadataSeen = true
                metadata = value
                trivia.record(statement, at: .metadata(path))
            case .instruction(let instruction):
                let elementPath = path + [.element(elements.count)]
                trivia.record(statement, at: .statement(elementPath))
                elements.append(.instruction(try self.instruction(instruction, topLevel: topLevel)))
            case .block(let nested):
                let elementPath = path + [.element(elements.count)]
                trivia.record(statement, at: .statement(elementPath))
                elements.append(.block(try block(nested, topLevel: topLevel, depth: depth + 1, path: elementPath)))
            case .assign(let assign):
                let referencePath = path + [.reference(references.count)]
                trivia.record(statement, at: .statement(referencePath))
                let subroutine = try assign.block.map { (nested) throws(TextDecodingError) in
                    try block(nested, topLevel: false, depth: depth + 1, path: referencePath)
                }
                references.append(ScheduleReference(key: assign.keys.map(\.text), block: subroutine))
            }
        }
        if !syntax.endTrivia.isEmpty { trivia.leading[.blockEnd(path)] = syntax.endTrivia }
        var mapping: [ScheduleReference]? = header.version >= 7 ? [] : nil
        if let detail = details["references"] {
            switch detail.kind {
            case .none: mapping = nil
            case .list(let items) where items.isEmpty: mapping = []
            default: throw error("expected references=None (no references mapping) or references=[]", at: detail.range.start)
            }
            if !references.isEmpty {
                throw error("references=\(mapping == nil ? "None" : "[]") contradicts the block's assign statements", at: detail.range.start)
            }
        }
        if !references.isEmpty { mapping = references }
        var storage = BlockStorage()
        if let detail = details["metadata_text"] {
            guard case .string(let text) = detail.kind else { throw error("expected metadata_text=\"…\" (the stored JSON text)", at: detail.range.start) }
            // Kept while it still describes the metadata (it is dropped when the metadata was edited).
            if let parsed = try? JSONText.parse(Array(text.utf8)), parsed == metadata, JSONText.serialize(parsed, style: .python) != text {
                storage.metadataText = text
            }
        }
        return ScheduleBlock(name: syntax.name.text, metadata: metadata, alignment: alignment, elements: elements, references: mapping,
                             storage: storage)
    }

    func alignment(_ syntax: AlignmentSyntax?) throws(TextDecodingError) -> AlignmentContext {
        guard let syntax else { return AlignmentContext(kind: .left) }
        switch syntax {
        case .keyword(let kind, _): return AlignmentContext(kind: kind)
        case .equispaced(let duration, _): return AlignmentContext(kind: .equispaced, parameters: [try value(duration)])
        case .general(let key, let parameters, _):
            var values: [Value] = []
            for parameter in parameters { values.append(try value(parameter)) }
            return AlignmentContext(kind: AlignmentKind(key: key), parameters: values)
        }
    }

    // MARK: - Instructions

    mutating func instruction(_ syntax: InstructionSyntax, topLevel: Bool) throws(TextDecodingError) -> PulseInstruction {
        var operands: [PulseOperand] = []
        var labeled: [String: ValueSyntax] = [:]
        var positional: [ValueSyntax] = []
        for argument in syntax.arguments {
            if let label = argument.label { labeled[label.text] = argument.value } else { positional.append(argument.value) }
        }
        var defaultName: String?
        if let typed = syntax.typedOperands {
            for item in typed {
                switch item.tag {
                case "value": operands.append(.value(try value(item.operand)))
                case "channel": operands.append(.channel(try channel(item.operand)))
                case "pulse": operands.append(try pulse(item.operand, topLevel: topLevel))
                case "string":
                    guard case .string(let text) = item.operand.kind else { throw error("expected a string", at: item.operand.range.start) }
                    operands.append(.string(text))
                case "kernel": operands.append(.kernel(try processor(item.operand, expected: "Kernel")))
                default: operands.append(.discriminator(try processor(item.operand, expected: "Discriminator")))
                }
            }
        } else {
            switch syntax.kind {
            case .play:
                let pulse = try self.pulse(positional[0], topLevel: topLevel)
                switch pulse {
                case .waveform(let waveform): defaultName = waveform.name
                case .symbolicPulse(let symbolic): defaultName = symbolic.name
                default: break
                }
                operands = [pulse, .channel(try channel(positional[1]))]
            case .delay, .timeBlockade, .setFrequency, .shiftFrequency, .setPhase, .shiftPhase:
                operands = [.value(try value(positional[0])), .channel(try channel(positional[1]))]
            case .acquire:
                operands = [.value(try value(positional[0])), .channel(try channel(positional[1]))]
                for slot in ["mem_slot", "reg_slot"] {
                    if let item = labeled[slot], !item.isNone { operands.append(.channel(try channel(item))) } else { operands.append(.value(.none)) }
                }
                if let item = labeled["kernel"], !item.isNone {
                    operands.append(.kernel(try processor(item, expected: "Kernel")))
                } else {
                    operands.append(.value(.none))
                }
                if let item = labeled["discriminator"], !item.isNone {
                    operands.append(.discriminator(try processor(item, expected: "Discriminator")))
                } else {
                    operands.append(.value(.none))
                }
            case .relativeBarrier:
                for item in positional { operands.append(.channel(try channel(item))) }
            case .reference:
                for item in positional {
                    if case .string(let key) = item.kind { operands.append(.string(key)) }
                }
                if case .string(let first)? = operands.first { defaultName = first }
            }
        }
        var name = defaultName
        if let item = labeled["name"] {
            switch item.kind {
            case .none: name = nil
            case .string(let text): name = text
            default: throw error("expected the instruction name as a string, or None", at: item.range.start)
            }
        }
        return PulseInstruction(kind: syntax.kind, operands: operands, name: name)
    }
}

extension ValueSyntax.Kind {
    /// The text of a lone number, for messages.
    var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }
}

extension ValueSyntax {
    var isNone: Bool {
        if case .none = kind { return true }
        return false
    }
}
