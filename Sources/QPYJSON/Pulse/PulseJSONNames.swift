import QPYModel

/// JSON names of pulse instructions, their operand slots, channels and alignments.
enum PulseJSONNames {
    static func op(_ kind: PulseInstructionKind) -> String {
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

    static func kind(op: String) -> PulseInstructionKind? {
        PulseInstructionKind.allCases.first { self.op($0) == op }
    }

    /// What an operand slot holds.
    enum Slot {
        case pulse, channel, optionalChannel, number, kernel, discriminator
    }

    /// The named operand slots of fixed-arity instructions (variadic ones: `nil`).
    static func slots(_ kind: PulseInstructionKind) -> [(String, Slot)]? {
        switch kind {
        case .play: return [("pulse", .pulse), ("channel", .channel)]
        case .delay, .timeBlockade: return [("duration", .number), ("channel", .channel)]
        case .setFrequency, .shiftFrequency: return [("frequency", .number), ("channel", .channel)]
        case .setPhase, .shiftPhase: return [("phase", .number), ("channel", .channel)]
        case .acquire:
            return [("duration", .number), ("channel", .channel), ("mem_slot", .optionalChannel), ("reg_slot", .optionalChannel),
                    ("kernel", .kernel), ("discriminator", .discriminator)]
        case .relativeBarrier, .reference: return nil
        }
    }

    static func channelPrefix(_ kind: ChannelKind) -> String { kind.prefix }

    /// `d0`, `u1`, `m0`, `a0`, `mem0`, `reg0` → kind and index.
    static func parseChannel(_ text: String) -> (ChannelKind, Int64)? {
        for kind in ChannelKind.allCases.sorted(by: { $0.prefix.count > $1.prefix.count }) where text.hasPrefix(kind.prefix) {
            let digits = text.dropFirst(kind.prefix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                  digits == "0" || !digits.hasPrefix("0"), let index = Int64(digits) else { return nil }
            return (kind, index)
        }
        return nil
    }

    static func alignment(_ kind: AlignmentKind) -> String? {
        switch kind {
        case .left: return "left"
        case .right: return "right"
        case .sequential: return "sequential"
        case .equispaced: return "equispaced"
        case .other: return nil
        }
    }

    static func alignmentKind(_ name: String) -> AlignmentKind? {
        switch name {
        case "left": return .left
        case "right": return .right
        case "sequential": return .sequential
        case "equispaced": return .equispaced
        default: return nil
        }
    }
}
