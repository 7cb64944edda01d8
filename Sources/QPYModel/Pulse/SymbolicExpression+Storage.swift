import QPYExpression

extension SymbolicExpression.Encoding {
    /// The encoding Qiskit uses for a pulse expression: symengine only for the pulses of a
    /// top-level schedule-block program in a QPY 10+ file whose header says `e`; sympy `srepr`
    /// text everywhere else (references, circuit calibrations, older versions).
    /// - Parameter symengineVersion: the symengine version to use where symengine is required.
    public static func qiskitDefault(
        version: Int, header: SymbolicEncoding?, inTopLevelProgram: Bool, symengineVersion: SymengineVersion
    ) -> SymbolicExpression.Encoding {
        guard version >= 10, inTopLevelProgram, header == .symengine else { return .srepr }
        return .symengine(symengineVersion)
    }

    /// `srepr` or `symengine-0.13`.
    public var name: String {
        switch self {
        case .srepr: return "srepr"
        case .symengine(let version): return "symengine-\(version.major).\(version.minor)"
        }
    }

    /// Parses ``name``.
    public init?(name: String) {
        if name == "srepr" { self = .srepr; return }
        guard name.hasPrefix("symengine-") else { return nil }
        let parts = name.dropFirst("symengine-".count).split(separator: ".")
        guard parts.count == 2, let major = UInt16(parts[0]), let minor = UInt16(parts[1]) else { return nil }
        self = .symengine(SymengineVersion(major: major, minor: minor))
    }
}
