import QPYModel

/// What an operand position holds; decides how its text is parsed.
enum Slot: Equatable {
    /// A typed value: number, parameter, expression, string, None, complex.
    case value
    case channel
    /// A channel or `None`.
    case optionalChannel
    case pulse
    /// A `Kernel(…)` / `Discriminator(…)` or `None`.
    case processor
    /// A reference key part: a name or a string.
    case key
    /// An instruction name: a string or `None`.
    case name

    var description: String {
        switch self {
        case .value: return "a value"
        case .channel: return "a channel"
        case .optionalChannel: return "a channel or None"
        case .pulse: return "a pulse"
        case .processor: return "a Kernel(…), Discriminator(…) or None"
        case .key: return "a reference key"
        case .name: return "a string or None"
        }
    }
}

/// The `.qpyasm` spelling of each instruction: its keyword and its operands in Qiskit's order.
enum InstructionSpec {
    static func keyword(_ kind: PulseInstructionKind) -> String {
        switch kind {
        case .acquire: return "acquire"
        case .play: return "play"
        case .delay: return "delay"
        case .setFrequency: return "set_frequency"
        case .shiftFrequency: return "shift_frequency"
        case .setPhase: return "set_phase"
        case .shiftPhase: return "shift_phase"
        case .relativeBarrier: return "relative_barrier"
        case .timeBlockade: return "time_blockade"
        case .reference: return "reference"
        }
    }

    static func kind(keyword: String) -> PulseInstructionKind? {
        PulseInstructionKind.allCases.first { self.keyword($0) == keyword }
    }

    static let keywordList = "play, delay, set_frequency, shift_frequency, set_phase, shift_phase, acquire, relative_barrier, time_blockade, reference"

    /// The positional operands (name, slot) of fixed-arity instructions.
    static func positional(_ kind: PulseInstructionKind) -> [(String, Slot)] {
        switch kind {
        case .play: return [("pulse", .pulse), ("channel", .channel)]
        case .delay, .timeBlockade: return [("duration", .value), ("channel", .channel)]
        case .setFrequency, .shiftFrequency: return [("frequency", .value), ("channel", .channel)]
        case .setPhase, .shiftPhase: return [("phase", .value), ("channel", .channel)]
        case .acquire: return [("duration", .value), ("channel", .channel)]
        case .relativeBarrier, .reference: return []
        }
    }

    /// The slot of every positional operand of a variadic instruction.
    static func variadic(_ kind: PulseInstructionKind) -> Slot? {
        switch kind {
        case .relativeBarrier: return .channel
        case .reference: return .key
        default: return nil
        }
    }

    /// The keyword arguments, in the order they are written.
    static func keywords(_ kind: PulseInstructionKind) -> [(String, Slot)] {
        if kind == .acquire {
            return [("mem_slot", .optionalChannel), ("reg_slot", .optionalChannel), ("kernel", .processor),
                    ("discriminator", .processor), ("name", .name)]
        }
        return [("name", .name)]
    }

    /// `play takes a pulse and a channel`.
    static func arityDescription(_ kind: PulseInstructionKind) -> String {
        let names = positional(kind).map(\.0)
        switch names.count {
        case 0: return ""
        case 1: return "a \(names[0])"
        default: return names.dropLast().map { "a \($0)" }.joined(separator: ", ") + " and a \(names.last!)"
        }
    }

    /// The tags of the `operands(…)` form and their slots.
    static let operandTags: [(String, Slot)] = [
        ("value", .value), ("channel", .channel), ("pulse", .pulse), ("string", .key), ("kernel", .processor), ("discriminator", .processor),
    ]
}

extension Parser {
    mutating func parseInstruction(_ kind: PulseInstructionKind) throws(TextDecodingError) -> InstructionSyntax {
        let keywordToken = current
        let keyword = InstructionSpec.keyword(kind)
        advance()
        var arguments: [ArgumentSyntax] = []
        var typed: [(tag: String, operand: ValueSyntax, range: SourceRange)]?
        if atWord("operands"), peek().kind == .punctuation, matches(peek(), "(") {
            typed = try parseTypedOperands()
            if eat(",") {
                guard atWord("name"), peek().kind == .punctuation, matches(peek(), "=") else {
                    throw unexpected("expected name=… after the operands")
                }
                let label = try parseName("name")
                advance()
                arguments.append(ArgumentSyntax(label: label, value: try parseSlot(.name, multiline: false)))
            }
            return InstructionSyntax(kind: kind, keywordRange: range(keywordToken), arguments: arguments, typedOperands: typed)
        }
        let positional = InstructionSpec.positional(kind)
        let keywords = InstructionSpec.keywords(kind)
        var positionalCount = 0
        if !atEndOfLine {
            repeat {
                if current.kind == .identifier || current.kind == .string, peek().kind == .punctuation, matches(peek(), "=") {
                    let label = try parseName("an argument name")
                    advance()
                    guard let slot = keywords.first(where: { $0.0 == label.text })?.1 else {
                        let names = keywords.map(\.0)
                        let hint = Suggestion.closest(to: label.text, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                        let known = names.count == 1 ? "its only keyword argument is \(names[0])" : "its keyword arguments are \(names.joined(separator: ", "))"
                        throw error("\(keyword) has no argument '\(label.text)'\(hint); \(known)", at: label.range.start)
                    }
                    if arguments.contains(where: { $0.label?.text == label.text }) {
                        throw error("duplicate argument '\(label.text)'", at: label.range.start)
                    }
                    arguments.append(ArgumentSyntax(label: label, value: try parseSlot(slot, multiline: false)))
                } else {
                    if arguments.contains(where: { $0.label != nil }) {
                        throw error("positional operands come before keyword arguments", at: current.start)
                    }
                    let slot: Slot
                    if positionalCount < positional.count {
                        slot = positional[positionalCount].1
                    } else if let variadic = InstructionSpec.variadic(kind) {
                        slot = variadic
                    } else {
                        throw error("too many operands: \(keyword) takes \(InstructionSpec.arityDescription(kind))", at: current.start)
                    }
                    arguments.append(ArgumentSyntax(label: nil, value: try parseSlot(slot, multiline: false)))
                    positionalCount += 1
                }
            } while eat(",")
        }
        if positionalCount < positional.count {
            let missing = positional[positionalCount].0
            if atEndOfLine {
                throw error("\(keyword) takes \(InstructionSpec.arityDescription(kind)); the \(missing) is missing", at: current.start)
            }
            throw unexpected("expected ',' and the \(missing)")
        }
        return InstructionSyntax(kind: kind, keywordRange: range(keywordToken), arguments: arguments, typedOperands: nil)
    }

    /// `operands(tag: value, …)`.
    mutating func parseTypedOperands() throws(TextDecodingError) -> [(tag: String, operand: ValueSyntax, range: SourceRange)] {
        let open = current
        advance()
        advance()
        try enter(at: open.start)
        defer { leave() }
        var operands: [(tag: String, operand: ValueSyntax, range: SourceRange)] = []
        skipNewlines()
        while !at(")") {
            guard current.kind == .identifier, let (tag, slot) = InstructionSpec.operandTags.first(where: { matches(current, text: $0.0) }) else {
                throw unexpected("expected an operand tag (value:, channel:, pulse:, string:, kernel: or discriminator:)")
            }
            let start = current.start
            advance()
            try expect(":", "after the operand tag")
            skipNewlines()
            let value = try parseSlot(slot, multiline: true)
            operands.append((tag, value, SourceRange(start: start, end: value.range.end)))
            skipNewlines()
            guard eat(",") else { break }
            skipNewlines()
        }
        try expect(")", "to close operands(…)")
        return operands
    }

    /// An operand of the given kind.
    mutating func parseSlot(_ slot: Slot, multiline: Bool) throws(TextDecodingError) -> ValueSyntax {
        switch slot {
        case .value, .name:
            return try parseValue(multiline: multiline)
        case .channel:
            return try parseChannel()
        case .optionalChannel:
            if atWord("None") {
                defer { advance() }
                return ValueSyntax(kind: .none, range: range(current))
            }
            return try parseChannel()
        case .pulse:
            return try parsePulse()
        case .processor:
            if atWord("None") {
                defer { advance() }
                return ValueSyntax(kind: .none, range: range(current))
            }
            guard current.kind == .identifier, peek().kind == .punctuation, matches(peek(), "(") else {
                throw unexpected("expected Kernel(…), Discriminator(…) or None")
            }
            let name = try parseName("a processor")
            return try parseCall(name)
        case .key:
            guard current.kind == .identifier || current.kind == .string else { throw unexpected("expected a reference key part (a name or a string)") }
            let name = try parseName("a key part")
            return ValueSyntax(kind: .string(name.text), range: name.range)
        }
    }

    /// `d0`, `u12`, `mem3`, or `d(<index value>)`.
    mutating func parseChannel() throws(TextDecodingError) -> ValueSyntax {
        let token = current
        let expected = "expected a channel such as d0, u1, m0, a0, mem0, reg0 or d(<index>)"
        guard token.kind == .identifier else { throw unexpected(expected) }
        let word = text(token)
        if peek().kind == .punctuation, matches(peek(), "("), ChannelSpelling.kind(prefix: word) != nil {
            advance()
            advance()
            try enter(at: token.start)
            defer { leave() }
            skipNewlines()
            let index = try parseValue(multiline: true)
            skipNewlines()
            let close = try expect(")", "to close the channel index")
            return ValueSyntax(kind: .call(NameSyntax(text: word, range: range(token), isQuoted: false), [ArgumentSyntax(label: nil, value: index)]),
                               range: SourceRange(start: token.start, end: close.end))
        }
        switch ChannelSpelling.parse(word) {
        case .channel(let kind, let index):
            advance()
            return ValueSyntax(kind: .channel(kind, index), range: range(token))
        case .outOfRange:
            throw error("channel index out of range in '\(word)' (at most \(Int64.max))", at: token.start)
        case .leadingZero:
            throw error("'\(word)' is not a channel: write the index without leading zeros", at: token.start)
        case .notAChannel:
            throw unexpected(expected)
        }
    }

    /// A pulse: `Shape(arguments)` / `Waveform([samples], …)`, or the name of a declared waveform.
    mutating func parsePulse() throws(TextDecodingError) -> ValueSyntax {
        if current.kind == .identifier || current.kind == .string, peek().kind == .punctuation, matches(peek(), "(") {
            let name = try parseName("a pulse shape")
            var call = try parseCall(name)
            if at("@") { call.attributes = try parseAttributes() }
            return call
        }
        if current.kind == .identifier {
            let token = current
            advance()
            return ValueSyntax(kind: .infix(text(token)), range: range(token))
        }
        throw unexpected("expected a pulse such as Gaussian(duration=160, amp=0.1, sigma=40, angle=0.0) or Waveform([…])")
    }
}

/// Channel names: `d0` for `DriveChannel(0)`, …
enum ChannelSpelling {
    enum Parsed { case channel(ChannelKind, Int64), outOfRange, leadingZero, notAChannel }

    static func kind(prefix: String) -> ChannelKind? { ChannelKind.allCases.first { $0.prefix == prefix } }

    static func parse(_ word: String) -> Parsed {
        for kind in ChannelKind.allCases.sorted(by: { $0.prefix.count > $1.prefix.count }) where word.hasPrefix(kind.prefix) {
            let digits = word.utf8.dropFirst(kind.prefix.utf8.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { continue }
            if digits.count > 1, digits.first == UInt8(ascii: "0") { return .leadingZero }
            guard let index = Int64(String(decoding: digits, as: UTF8.self)) else { return .outOfRange }
            return .channel(kind, index)
        }
        return .notAChannel
    }
}
