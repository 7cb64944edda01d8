import Dispatch
import QPYExpression
import QPYModel

/// The IR to canonical `.qpyasm` text. Deterministic: the same file (and comments) always gives
/// the same text, and reading that text back gives the same file.
struct TextEncoder {
    let file: QPYFile
    let options: TextEncodingOptions
    let trivia: TextTrivia
    var naming = SymbolNaming()
    /// The symengine version symengine-encoded pulse expressions have unless they say otherwise.
    var symengineVersion = SymengineVersion.v0_13
    /// Declared envelopes and waveforms: their names, in declaration order.
    var envelopeNames: [Expression: String] = [:]
    var envelopeOrder: [Expression] = []
    var waveformNames: [Waveform: String] = [:]
    var waveformOrder: [Waveform] = []
    var writer: LineWriter
    /// Whether values being written belong to a circuit (outside its calibrations), where QPY 10–12
    /// files with the symengine header store expressions as symengine.
    var inCircuitValues = false
    /// The standard-shape table's lookups for this file's Qiskit version, made once each.
    let standardShapes: StandardShapeLookup
    /// Whether `trivia` holds any comment or blank line.
    let hasTrivia: Bool
    /// How many threads make the lines of a list, from which length (the tests force several
    /// threads on short lists).
    var parallelism = (workers: ParallelRuns.workers, minimumElements: ParallelRuns.minimumElements)

    init(file: QPYFile, options: TextEncodingOptions, trivia: TextTrivia = TextTrivia()) {
        self.file = file
        self.options = options
        self.trivia = trivia
        self.hasTrivia = !trivia.leading.isEmpty || !trivia.trailing.isEmpty
        self.writer = LineWriter(indent: options.indent)
        self.standardShapes = StandardShapeLookup(qiskitVersion: file.header.qiskitVersion.description)
    }

    var version: Int { file.header.version }
    var qiskitVersionText: String { file.header.qiskitVersion.description }

    /// The schedule blocks (a circuit file has none).
    var blocks: [ScheduleBlock] {
        switch file.programs {
        case .scheduleBlocks(let blocks): return blocks
        case .circuits: return []
        }
    }

    /// The schedule blocks whose pulses the text writes, with whether each is a top-level program.
    var pulseBlocks: [(ScheduleBlock, Bool)] { blocks.map { ($0, true) } + calibrationBlocks.map { ($0, false) } }

    mutating func encode() -> String { String(decoding: encodeUTF8(), as: UTF8.self) }

    /// The text handed to `sink` in pieces of about `pieceSize` bytes as it is written.
    mutating func encodeUTF8(pieceSize: Int, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        writer = LineWriter(indent: options.indent, pieceSize: pieceSize, sink: sink)
        _ = encodeUTF8()
    }

    /// The text as UTF-8 bytes (none when the writer hands it on in pieces).
    mutating func encodeUTF8() -> [UInt8] {
        survey()
        writeStatement("qpyasm \(qpyasmFormatVersion)", anchor: .formatVersion, level: 0)
        writeStatement(headerLine(), anchor: .header, level: 0)
        writer.blank()
        for symbol in naming.symbols {
            if let vectorIndex = naming.vectorOf[symbol] {
                let vector = naming.vectors[vectorIndex]
                let first = naming.symbols.first { naming.vectorOf[$0] == vectorIndex }
                if first == symbol {
                    var line = "vector \(SymbolNames.name(vector.local))[\(vector.length)]"
                    if vector.local != vector.realName { line += ", name=" + StringLiteral.quoted(vector.realName) }
                    writeStatement(line, anchor: .vector(vector.local), level: 0)
                }
            }
            writeStatement(parameterDeclaration(symbol), anchor: .parameter(symbol), level: 0)
        }
        writer.blank()
        for tree in envelopeOrder {
            guard let name = envelopeNames[tree] else { continue }
            writeStatement("envelope \(name) = \(Self.bareExpressionText(tree))", anchor: .envelope(name), level: 0)
        }
        writer.blank()
        for waveform in waveformOrder {
            guard let name = waveformNames[waveform] else { continue }
            writeStatement("waveform \(name) = \(waveformCall(waveform))", anchor: .waveform(name), level: 0)
        }
        for (index, block) in blocks.enumerated() {
            writer.blank()
            writeBlock(block, keyword: "schedule", prefix: "", level: 0, path: [.program(index)], topLevel: true)
        }
        for (index, circuit) in circuits.enumerated() {
            writer.blank()
            writeTopCircuit(circuit, path: [.program(index)])
        }
        writer.trivia(trivia.leading[.fileEnd] ?? [], level: 0)
        writer.finish()
        return writer.bytes
    }

    /// Writes a one-statement line (or lines) with its comments (`anchor` is made only when the
    /// text has comments: most files written have none, and a statement's path is an array).
    mutating func writeStatement(_ text: String, anchor makeAnchor: @autoclosure () -> TriviaAnchor, level: Int,
                                 opensBlock: Bool = false, trailing: Bool = true) {
        guard hasTrivia else {
            writer.write(text, level: level, opensBlock: opensBlock)
            return
        }
        let anchor = makeAnchor()
        writer.trivia(trivia.leading[anchor] ?? [], level: level)
        var content = text
        if trailing, let comment = trivia.trailing[anchor] { content += "  #" + comment }
        writer.write(content, level: level, opensBlock: opensBlock)
    }

    func headerLine() -> String {
        var line = "qpy \(version), qiskit=\"\(qiskitVersionText)\""
        switch file.header.symbolicEncoding {
        case nil: if version >= 10 { line += ", symbolic=None" }
        case .sympy?: line += ", symbolic=sympy"
        case .symengine?: line += ", symbolic=symengine"
        case .other(let byte)?: line += ", symbolic=\(byte)"
        }
        if symengineVersion != .v0_13 { line += ", symengine=\"\(symengineVersion)\"" }
        return line
    }

    func parameterDeclaration(_ symbol: ParameterSymbol) -> String {
        let local = naming.name(of: symbol)
        var line = "param " + SymbolNames.symbol(local)
        switch symbol {
        case .parameter(let parameter):
            if local != parameter.name || parameter.uuid != .derived(fromName: parameter.name) { line += " = \(parameter.uuid)" }
            if local != parameter.name { line += ", name=" + StringLiteral.quoted(parameter.name) }
        case .vectorElement(let element):
            if element.uuid != .derived(fromName: element.name) { line += " = \(element.uuid)" }
        }
        return line
    }

    // MARK: - Survey

    /// Collects the symbols, the document's symengine version, and the envelopes and waveforms
    /// to declare.
    mutating func survey() {
        var firstSymengine: SymengineVersion?
        for block in blocks { naming.collect(block) }
        for circuit in circuits { naming.collect(circuit) }
        var symbolicPulses: [(pulse: SymbolicPulse, topLevel: Bool)] = []
        var waveforms: [Waveform] = []
        var sampleCount = 0
        for (block, topLevel) in pulseBlocks {
            visitPulses(block, topLevel: topLevel) { pulse, topLevel in
                for expression in [pulse.envelope, pulse.constraints, pulse.validAmplitudeConditions] {
                    if case .symengine(let version)? = expression?.encoding, firstSymengine == nil { firstSymengine = version }
                }
                symbolicPulses.append((pulse, topLevel))
            } waveform: { waveform in
                waveforms.append(waveform)
                sampleCount += waveform.samples.count
            }
        }
        symengineVersion = firstSymengine ?? naming.firstSymengine ?? .v0_13
        // Whether each pulse is written by a standard shape's name (comparing expression trees),
        // and each waveform's hash (of all its samples), worked out ahead on several threads.
        let pulses = symbolicPulses
        let isStandard = mapped(count: pulses.count, work: pulses.count) { encoder, index in
            encoder.standardForm(pulses[index].pulse, topLevel: pulses[index].topLevel) != nil
        }
        let collectedWaveforms = waveforms
        let waveformHashes = mapped(count: collectedWaveforms.count, work: sampleCount) { _, index in collectedWaveforms[index].hashValue }
        var envelopeCounts: [Expression: Int] = [:]
        var envelopeFirst: [Expression] = []
        for (index, item) in pulses.enumerated() where !isStandard[index] {
            guard let envelope = item.pulse.envelope?.expression else { continue }
            // One look-up each (hashing a tree is not cheap).
            var isNew = false
            envelopeCounts[envelope, default: { isNew = true; return 0 }()] += 1
            if isNew { envelopeFirst.append(envelope) }
        }
        var waveformCounts: [HashedWaveform: Int] = [:]
        var waveformFirst: [HashedWaveform] = []
        for (index, waveform) in collectedWaveforms.enumerated() {
            let key = HashedWaveform(waveform: waveform, hash: waveformHashes[index])
            var isNew = false
            waveformCounts[key, default: { isNew = true; return 0 }()] += 1
            if isNew { waveformFirst.append(key) }
        }
        var used: Set<String> = []
        func unique(_ preferred: String?, fallback: String) -> String {
            let base = preferred.flatMap { SymbolNames.isIdentifier($0) ? $0 : nil } ?? fallback
            var name = base
            var suffix = 2
            while used.contains(name) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(name)
            return name
        }
        for envelope in envelopeFirst where envelopeCounts[envelope, default: 0] > 1 || trivia.envelopeNames[envelope] != nil {
            let pulseType = firstPulseType(for: envelope)
            envelopeNames[envelope] = unique(trivia.envelopeNames[envelope], fallback: pulseType.map { SymbolNames.isIdentifier($0) ? $0 + "_envelope" : "envelope" } ?? "envelope")
            envelopeOrder.append(envelope)
        }
        used = []
        for key in waveformFirst where waveformCounts[key, default: 0] > 1 || (!trivia.waveformNames.isEmpty && trivia.waveformNames[key.waveform] != nil) {
            let waveform = key.waveform
            var preferred = (trivia.waveformNames.isEmpty ? nil : trivia.waveformNames[waveform]) ?? waveform.name
            if let name = preferred, !SymbolNames.isIdentifier(name) || name == "None" || name == "Waveform" { preferred = nil }
            waveformNames[waveform] = unique(preferred, fallback: "waveform")
            waveformOrder.append(waveform)
        }
        // A generous estimate of the text's size, reserved up front so that the buffer is not
        // regrown and copied (each regrowth also had the kernel zero the new pages); pages of the
        // reservation that the text does not reach are never touched.
        let samples = waveformFirst.reduce(0) { $0 + $1.waveform.samples.count }
        let instructions = blocks.reduce(0) { $0 + $1.elements.count } + circuits.reduce(0) { $0 + $1.instructions.count }
        writer.reserveCapacity(65_536 + 48 * samples + 64 * instructions)
    }

    /// `transform(encoder, index)` for each index of `0..<count`, in order: worked out on several
    /// threads, each on a copy of this encoder without its output, when the `work` (how many
    /// elements the transforms go through) is large (``parallelism``).
    func mapped<T>(count: Int, work: Int, _ transform: @escaping @Sendable (TextEncoder, Int) -> T) -> [T] {
        let workers = count > 1 && work >= parallelism.minimumElements ? parallelism.workers : 1
        guard workers > 1 else { return (0..<count).map { transform(self, $0) } }
        var results = [T?](repeating: nil, count: count)
        let length = max(1, count / (8 * workers))
        let runs = stride(from: 0, to: count, by: length).map { $0..<min($0 + length, count) }
        nonisolated(unsafe) let reader = readerCopy()
        results.withUnsafeMutableBufferPointer { results in
            nonisolated(unsafe) let results = results
            DispatchQueue.concurrentPerform(iterations: runs.count) { run in
                for index in runs[run] { results[index] = transform(reader, index) }
            }
        }
        return results.map { $0! }
    }

    /// A copy of this encoder for other threads to read, without the output: a copy that shared
    /// the output's buffer would make every append of this thread copy it.
    func readerCopy() -> TextEncoder {
        var reader = self
        reader.writer = LineWriter(indent: options.indent)
        return reader
    }

    private func firstPulseType(for envelope: Expression) -> String? {
        var found: String?
        for (block, topLevel) in pulseBlocks {
            visitPulses(block, topLevel: topLevel) { pulse, _ in
                if found == nil, pulse.envelope?.expression == envelope { found = pulse.pulseType }
            }
        }
        return found
    }

    /// Calls `symbolic` for every symbolic pulse (with whether it sits in a top-level program) and
    /// `waveform` for every waveform, in text order.
    func visitPulses(_ block: ScheduleBlock, topLevel: Bool, _ symbolic: (SymbolicPulse, Bool) -> Void,
                     waveform: (Waveform) -> Void = { _ in }) {
        func visit(_ operand: PulseOperand) {
            switch operand {
            case .symbolicPulse(let pulse): symbolic(pulse, topLevel)
            case .waveform(let wave): waveform(wave)
            default: break
            }
        }
        for element in block.elements {
            switch element {
            case .block(let nested): visitPulses(nested, topLevel: topLevel, symbolic, waveform: waveform)
            case .instruction(let instruction): for operand in instruction.operands { visit(operand) }
            }
        }
        for reference in block.references ?? [] {
            if let subroutine = reference.block { visitPulses(subroutine, topLevel: false, symbolic, waveform: waveform) }
        }
    }

    // MARK: - Blocks

    mutating func writeBlock(_ block: ScheduleBlock, keyword: String, prefix: String, level: Int, path: [PathStep], topLevel: Bool) {
        var header = prefix + keyword + " " + SymbolNames.name(block.name, avoiding: ["left", "right", "sequential", "equispaced", "align", "None"])
        if let alignment = alignmentText(block.alignment) { header += " " + alignment }
        var details: [String] = []
        if let text = block.storage.metadataText { details.append("metadata_text=" + StringLiteral.quoted(text)) }
        let defaultReferences: [ScheduleReference]? = version >= 7 ? [] : nil
        let references = block.references ?? []
        if references.isEmpty, block.references != defaultReferences {
            details.append(block.references == nil ? "references=None" : "references=[]")
        }
        if !details.isEmpty { header += " @qpy(" + details.joined(separator: ", ") + ")" }
        let endTrivia = trivia.leading[.blockEnd(path)] ?? []
        let hasMetadata = block.metadata != .emptyObject
        if !hasMetadata, block.elements.isEmpty, references.isEmpty, endTrivia.isEmpty {
            writeStatement(header + " {}", anchor: .statement(path), level: level)
            return
        }
        writeStatement(header + " {", anchor: .statement(path), level: level, opensBlock: true, trailing: false)
        if hasMetadata { writeStatement("metadata " + JSONLine.text(block.metadata), anchor: .metadata(path), level: level + 1) }
        let elements = block.elements
        writeList(count: elements.count) { encoder, index -> String? in
            guard case .instruction(let instruction) = elements[index] else { return nil }
            return encoder.instructionText(instruction, topLevel: topLevel)
        } write: { encoder, index, text in
            switch elements[index] {
            case .block(let nested):
                encoder.writeBlock(nested, keyword: "block", prefix: "", level: level + 1, path: path + [.element(index)], topLevel: topLevel)
            case .instruction:
                encoder.writeStatement(text ?? "", anchor: .statement(path + [.element(index)]), level: level + 1)
            }
        }
        for (index, reference) in references.enumerated() {
            let referencePath = path + [.reference(index)]
            let key = "assign " + reference.key.map(keyText).joined(separator: ", ") + " = "
            if let subroutine = reference.block {
                writeBlock(subroutine, keyword: "schedule", prefix: key, level: level + 1, path: referencePath, topLevel: false)
            } else {
                writeStatement(key + "None", anchor: .statement(referencePath), level: level + 1)
            }
        }
        writer.trivia(endTrivia, level: level + 1)
        var close = "}"
        if let comment = trivia.trailing[.statement(path)] { close += "  #" + comment }
        writer.close(close, level: level)
    }

    /// Writes the elements `0..<count` of a list in order, on this thread: `write(&encoder, index,
    /// line)` writes element `index` from what `line(encoder, index)` made of it. `line` only reads
    /// the encoder; for a long list (``parallelism``), it runs ahead on several threads, each on
    /// a copy of this encoder without its output (see
    /// ``ParallelRuns/make(_:workers:emptyChunk:_:consume:)``). The text is the same either way.
    mutating func writeList<Line>(count: Int, line: @escaping @Sendable (TextEncoder, Int) -> Line,
                                  write: (inout TextEncoder, Int, Line) -> Void) {
        let workers = count >= parallelism.minimumElements ? parallelism.workers : 1
        guard workers > 1 else {
            for index in 0..<count {
                let made = line(self, index)
                write(&self, index, made)
            }
            return
        }
        nonisolated(unsafe) let maker = readerCopy()
        ParallelRuns.make(ParallelRuns.runs(count: count, workers: workers), workers: workers, emptyChunk: [Line]()) { _, run, lines in
            lines.removeAll(keepingCapacity: true)
            for index in run { lines.append(line(maker, index)) }
        } consume: { run, lines in
            for (offset, index) in run.enumerated() { write(&self, index, lines[offset]) }
        }
    }

    func keyText(_ key: String) -> String { SymbolNames.name(key, avoiding: ["None", "name", "schedule"]) }

    func alignmentText(_ context: AlignmentContext) -> String? {
        switch (context.kind, context.parameters.count) {
        case (.left, 0): return nil
        case (.right, 0): return "right"
        case (.sequential, 0): return "sequential"
        case (.equispaced, 1): return "equispaced(\(valueText(context.parameters[0])))"
        default:
            let key = context.kind.key
            let keyText = (0x21...0x7E).contains(key) && key != UInt8(ascii: "\"") && key != UInt8(ascii: "\\")
                ? "\"" + String(UnicodeScalar(key)) + "\"" : String(key)
            return "align(" + ([keyText] + context.parameters.map(valueText)).joined(separator: ", ") + ")"
        }
    }

    // MARK: - Instructions

    func instructionText(_ instruction: PulseInstruction, topLevel: Bool) -> String {
        let keyword = InstructionSpec.keyword(instruction.kind)
        var parts: [String] = []
        var defaultName: String?
        if let named = namedOperands(instruction, topLevel: topLevel) {
            parts = named.parts
            defaultName = named.defaultName
            var text = keyword + (parts.isEmpty ? "" : " " + parts.joined(separator: ", "))
            if instruction.name != defaultName { text += (parts.isEmpty ? " " : ", ") + "name=" + optionalString(instruction.name) }
            return text
        }
        let operands = instruction.operands.map { operand -> String in
            switch operand {
            case .value(let value): return "value: " + valueText(value)
            case .channel(let channel): return "channel: " + channelText(channel)
            case .waveform, .symbolicPulse: return "pulse: " + pulseText(operand, topLevel: topLevel)
            case .string(let text): return "string: " + StringLiteral.quoted(text)
            case .kernel(let processor): return "kernel: " + processorText(processor, "Kernel")
            case .discriminator(let processor): return "discriminator: " + processorText(processor, "Discriminator")
            }
        }
        var text = keyword + " operands(" + operands.joined(separator: ", ") + ")"
        if let name = instruction.name { text += ", name=" + StringLiteral.quoted(name) }
        return text
    }

    /// The operands in the instruction's usual form, or `nil` when they do not fit it.
    func namedOperands(_ instruction: PulseInstruction, topLevel: Bool) -> (parts: [String], defaultName: String?)? {
        let operands = instruction.operands
        switch instruction.kind {
        case .play:
            guard operands.count == 2, case .channel(let channel) = operands[1] else { return nil }
            switch operands[0] {
            case .waveform(let waveform): return ([pulseText(operands[0], topLevel: topLevel), channelText(channel)], waveform.name)
            case .symbolicPulse(let pulse): return ([pulseText(operands[0], topLevel: topLevel), channelText(channel)], pulse.name)
            default: return nil
            }
        case .delay, .timeBlockade, .setFrequency, .shiftFrequency, .setPhase, .shiftPhase:
            guard operands.count == 2, case .value(let value) = operands[0], case .channel(let channel) = operands[1] else { return nil }
            return ([valueText(value), channelText(channel)], nil)
        case .acquire:
            guard operands.count == 6, case .value(let duration) = operands[0], case .channel(let channel) = operands[1] else { return nil }
            var parts = [valueText(duration), channelText(channel)]
            for (name, operand) in [("mem_slot", operands[2]), ("reg_slot", operands[3])] {
                switch operand {
                case .channel(let slot): parts.append("\(name)=" + channelText(slot))
                case .value(.none): break
                default: return nil
                }
            }
            switch operands[4] {
            case .kernel(let processor): parts.append("kernel=" + processorText(processor, "Kernel"))
            case .value(.none): break
            default: return nil
            }
            switch operands[5] {
            case .discriminator(let processor): parts.append("discriminator=" + processorText(processor, "Discriminator"))
            case .value(.none): break
            default: return nil
            }
            return (parts, nil)
        case .relativeBarrier:
            var parts: [String] = []
            for operand in operands {
                guard case .channel(let channel) = operand else { return nil }
                parts.append(channelText(channel))
            }
            return (parts, nil)
        case .reference:
            var keys: [String] = []
            for operand in operands {
                guard case .string(let key) = operand else { return nil }
                keys.append(key)
            }
            return (keys.map(keyText), keys.first)
        }
    }
}

/// Metadata JSON on one line: `{"gate": "ecr", "qubits": [0, 1]}`, numbers as stored, UTF-8 kept.
enum JSONLine {
    static func text(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): JSONText.writeString(text, asciiOnly: false, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += ", " }
                JSONText.writeString(member.key, asciiOnly: false, into: &out)
                out += ": "
                write(member.value, into: &out)
            }
            out += "}"
        }
    }
}

/// A waveform with its hash worked out ahead (hashing a waveform goes through all its samples).
struct HashedWaveform: Hashable {
    let waveform: Waveform
    let hash: Int

    static func == (lhs: HashedWaveform, rhs: HashedWaveform) -> Bool { lhs.hash == rhs.hash && lhs.waveform == rhs.waveform }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
