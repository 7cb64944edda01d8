import QPYExpression
import QPYModel

/// The symbolic encoding family of a standard shape's trees.
enum StandardEncoding: Hashable, Sendable {
    case srepr, symengine

    init(_ encoding: SymbolicExpression.Encoding) {
        switch encoding {
        case .srepr: self = .srepr
        case .symengine: self = .symengine
        }
    }
}

/// One entry of the generated table, as text.
struct RawShape: Sendable {
    var pulseType: String
    var className: String?
    var encoding: StandardEncoding
    var writers: [String]
    var occurrences: Int
    var parameters: [String]
    var options: [StandardShape.Option]
    var envelope: String?
    var constraints: String?
    var conditions: String?
}

/// A standard pulse shape as Qiskit stores it: the pulse type and class, the parameter order and
/// the exact expression trees, for one symbolic encoding.
struct StandardShape: Sendable {
    /// A constructor argument that selects the envelope without being stored (`zero_ends=false`).
    struct Option: Hashable, Sendable {
        var name: String
        var value: String
    }

    /// The entry's position in ``StandardPulses/shapes``.
    var id: Int
    var pulseType: String
    var className: String?
    var encoding: StandardEncoding
    /// The Qiskit releases seen writing these trees (`1.4.6`, `0.25.3`, …).
    var writers: [String]
    var parameters: [String]
    var options: [Option]
    var envelope: Expression?
    var constraints: Expression?
    var conditions: Expression?
}

/// The standard pulse shapes `.qpyasm` writes by name (`Gaussian(duration=…, …)`), learned from
/// real Qiskit files (see `Tests/FixtureGenerator/gen_standard_pulses.py`).
enum StandardPulses {
    /// Every shape of the generated table (whose expressions all parse: a debug build traps
    /// otherwise, so the test suite catches a bad table).
    static let shapes: [StandardShape] = {
        var shapes: [StandardShape] = []
        for raw in rawShapes {
            func parse(_ text: String?) -> Expression?? {
                guard let text else { return .some(nil) }
                guard let tree = try? Expression(infix: text) else { return nil }
                return .some(tree)
            }
            guard let envelope = parse(raw.envelope), let constraints = parse(raw.constraints), let conditions = parse(raw.conditions) else {
                assertionFailure("StandardPulses.swift: the \(raw.pulseType) entry does not parse; regenerate the table")
                continue
            }
            shapes.append(StandardShape(
                id: shapes.count, pulseType: raw.pulseType, className: raw.className, encoding: raw.encoding, writers: raw.writers,
                parameters: raw.parameters, options: raw.options, envelope: envelope, constraints: constraints, conditions: conditions))
        }
        return shapes
    }()

    /// The standard pulse types, sorted.
    static let pulseTypes: [String] = Array(Set(rawShapes.map(\.pulseType))).sorted()

    static func isStandard(_ pulseType: String) -> Bool { pulseTypes.contains(pulseType) }

    /// The option names of a pulse type (`zero_ends` for `Sech`).
    static func optionNames(_ pulseType: String) -> [String] { (optionDefaults[pulseType] ?? []).map(\.name) }

    /// The shapes of a type and encoding, those written by `qiskitVersion` first, each group in
    /// table order (most frequent first).
    static func candidates(pulseType: String, encoding: StandardEncoding, qiskitVersion: String) -> [StandardShape] {
        let all = shapes.filter { $0.pulseType == pulseType && $0.encoding == encoding }
        return all.filter { $0.writers.contains(qiskitVersion) } + all.filter { !$0.writers.contains(qiskitVersion) }
    }

    /// The candidates with exactly these parameter names and options: `form=N` picks the N-th.
    static func matching(pulseType: String, encoding: StandardEncoding, qiskitVersion: String, parameters: Set<String>,
                         options: [StandardShape.Option]) -> [StandardShape] {
        candidates(pulseType: pulseType, encoding: encoding, qiskitVersion: qiskitVersion).filter {
            Set($0.parameters) == parameters && $0.options == options
        }
    }
}

/// ``StandardPulses``' lookups for one Qiskit version, all made up front: a file's thousands of
/// pulses share a few types and shapes, and the text writer's threads share the lookups.
struct StandardShapeLookup: Sendable {
    let qiskitVersion: String
    private let candidatesByType: [CandidateKey: [StandardShape]]
    private let formByShape: [Int: Int]

    private struct CandidateKey: Hashable, Sendable {
        var pulseType: String
        var encoding: StandardEncoding
    }

    init(qiskitVersion: String) {
        self.qiskitVersion = qiskitVersion
        var candidatesByType: [CandidateKey: [StandardShape]] = [:]
        var formByShape: [Int: Int] = [:]
        for pulseType in StandardPulses.pulseTypes {
            for encoding in [StandardEncoding.srepr, .symengine] {
                candidatesByType[CandidateKey(pulseType: pulseType, encoding: encoding)] =
                    StandardPulses.candidates(pulseType: pulseType, encoding: encoding, qiskitVersion: qiskitVersion)
            }
        }
        for shape in StandardPulses.shapes {
            let matching = StandardPulses.matching(pulseType: shape.pulseType, encoding: shape.encoding, qiskitVersion: qiskitVersion,
                                                   parameters: Set(shape.parameters), options: shape.options)
            if let index = matching.firstIndex(where: { $0.id == shape.id }) { formByShape[shape.id] = index + 1 }
        }
        self.candidatesByType = candidatesByType
        self.formByShape = formByShape
    }

    /// ``StandardPulses/candidates(pulseType:encoding:qiskitVersion:)``.
    func candidates(pulseType: String, encoding: StandardEncoding) -> [StandardShape] {
        candidatesByType[CandidateKey(pulseType: pulseType, encoding: encoding)] ?? []
    }

    /// The `form` number of `shape` for a pulse with exactly its parameters: its place among the
    /// candidates with the same parameter names and options, from 1; `nil` if it is not among them.
    func form(of shape: StandardShape) -> Int? { formByShape[shape.id] }
}
