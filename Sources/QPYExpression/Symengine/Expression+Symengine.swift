import QPYDiagnostics

extension Expression {
    /// Decodes a symengine native payload (`Basic.__reduce__()[1][0]`, cereal portable binary) as
    /// written by symengine 0.9–0.13, keeping only the expression.
    /// - Throws: ``ByteDecodingError`` with the byte offset and element path of the problem.
    public init(symengine bytes: [UInt8], limits: ExpressionLimits = .default) throws(ByteDecodingError) {
        self = try SymengineArchive(bytes: bytes, limits: limits).root
    }

    /// This tree as a canonical symengine payload that symengine `version` loads.
    /// - Throws: ``SymengineEncodingError`` for nodes symengine has no class for (`re`, `im`, …),
    ///   numbers that cannot be folded, or an unsupported version.
    public func symengineBytes(version: SymengineVersion = .v0_13) throws(SymengineEncodingError) -> [UInt8] {
        try SymengineEncoder.encode(self, version: version)
    }
}

extension SymengineArchive {
    /// Decodes a symengine native payload, keeping the writer's version.
    /// - Throws: ``ByteDecodingError`` with the byte offset and element path of the problem.
    public init(bytes: [UInt8], limits: ExpressionLimits = .default) throws(ByteDecodingError) {
        self = try SymengineDecoder.decode(bytes, limits: limits)
    }

    /// The payload, with the same version header and type-id table as ``version``.
    public func bytes() throws(SymengineEncodingError) -> [UInt8] {
        try SymengineEncoder.encode(root, version: version)
    }
}
