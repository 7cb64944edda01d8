import QPYExpression
import QPYModel

/// QPY 5 stored the library pulses `Gaussian`, `GaussianSquare`, `Drag` and `Constant` with a
/// complex `amp` and no class name. Qiskit 1.x reads them as `ScalableSymbolicPulse` with a real
/// `amp`, an `angle`, and `amp` replaced by `amp*exp(I*angle)` in the envelope. Writing such a
/// file as QPY 6+ applies the same conversion, so the result loads equal in Qiskit.
enum LegacyPulseMigration {
    static let legacyTypes: Set<String> = ["Gaussian", "GaussianSquare", "Drag", "Constant"]

    static func migrate(_ block: ScheduleBlock) -> ScheduleBlock {
        var block = block
        block.elements = block.elements.map { element in
            switch element {
            case .block(let nested): return .block(migrate(nested))
            case .instruction(var instruction):
                instruction.operands = instruction.operands.map { operand in
                    guard case .symbolicPulse(let pulse) = operand, pulse.className == nil else { return operand }
                    return .symbolicPulse(migrate(pulse))
                }
                return .instruction(instruction)
            }
        }
        block.references = block.references?.map { ScheduleReference(key: $0.key, block: $0.block.map(migrate)) }
        return block
    }

    static func migrate(_ pulse: SymbolicPulse) -> SymbolicPulse {
        var pulse = pulse
        guard legacyTypes.contains(pulse.pulseType), let index = pulse.parameters.firstIndex(where: { $0.name == "amp" }) else {
            pulse.className = "SymbolicPulse"
            return pulse
        }
        let magnitude: Double
        let angle: Double
        switch pulse.parameters[index].value {
        case .complex(let real, let imaginary):
            magnitude = (real * real + imaginary * imaginary).squareRoot()
            angle = atan2(imaginary, real)
        case .float(let real):
            magnitude = abs(real)
            angle = atan2(0, real)
        case .integer(let real):
            magnitude = Double(real.magnitude)
            angle = atan2(0, Double(real))
        default:
            // Qiskit 1.x cannot read a parameterized legacy amp; keep the pulse as it was.
            pulse.className = "SymbolicPulse"
            return pulse
        }
        pulse.parameters[index].value = .float(hypotExact(magnitude, pulse.parameters[index].value))
        pulse.parameters.append(PulseParameter("angle", .float(angle)))
        pulse.className = "ScalableSymbolicPulse"
        let scaled = Expression.mul([.symbol("amp"), .function(.exp, [.mul([.constant(.imaginaryUnit), .symbol("angle")])])])
        if var envelope = pulse.envelope {
            envelope.expression = envelope.expression.substituting(["amp": scaled])
            envelope.compressedBytes = nil
            pulse.envelope = envelope
        }
        return pulse
    }

    /// numpy's `abs` of a complex is `hypot(re, im)`.
    private static func hypotExact(_ magnitude: Double, _ value: Value) -> Double {
        if case .complex(let real, let imaginary) = value { return hypot(real, imaginary) }
        return magnitude
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
