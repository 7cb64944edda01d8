import QPYDiagnostics
import QPYExpression
import QPYModel

/// A qpyconv JSON document back to a file.
struct QPYJSONDecoder {
    let options: JSONDecodingOptions

    func decode(_ bytes: [UInt8]) throws(JSONDecodingError) -> QPYFile {
        let located: LocatedJSON
        let deferred: [Int: JSONText.DeferredArray]
        do {
            // The parameter table and programs' instruction lists are read one entry at a time
            // while decoding: the document's tree never holds them whole.
            (located, deferred) = try JSONText.parseLocated(bytes, maximumDepth: options.maximumDepth,
                                                            deferring: [["parameters"], ["circuits", nil, "instructions"],
                                                                        ["schedules", nil, "instructions"]])
        } catch {
            throw JSONDecodingError(error.message, location: error.location, pointer: "")
        }
        return try decode(LocatedDocument(root: located, lines: LazyLineTable(utf8: bytes), text: bytes, deferred: deferred,
                                          maximumDepth: options.maximumDepth))
    }

    /// Decodes a parsed document tree; `lines` turns its offsets into line:column.
    func decode(_ located: LocatedJSON, lines: LineTable) throws(JSONDecodingError) -> QPYFile {
        try decode(LocatedDocument(root: located, lines: LazyLineTable(lines)))
    }

    private func decode(_ document: LocatedDocument) throws(JSONDecodingError) -> QPYFile {
        let root = JSONNode(json: document.root, document: document)
        try root.requireOnly(["$schema", "schema_version", "qpy", "parameters", "schedules", "circuits"], in: "a qpyconv document")
        let versionNode = try root.member("schema_version")
        let schemaVersion = try versionNode.integer("the schema version")
        guard schemaVersion == qpyconvJSONSchemaVersion else {
            throw versionNode.error("schema_version \(schemaVersion) is not supported (this build reads version \(qpyconvJSONSchemaVersion))")
        }
        let qpy = try root.member("qpy")
        try qpy.requireOnly(["version", "qiskit_version", "symbolic_encoding", "symengine_version"], in: "the qpy header")
        let version = try qpy.member("version").integer("the QPY version")
        guard (1...18).contains(version) else { throw try qpy.member("version").error("QPY versions are 1 to 18") }
        let qiskitNode = try qpy.member("qiskit_version")
        let parts = try qiskitNode.string("a version such as 1.4.6").split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 3 else { throw qiskitNode.error("expected a version such as 1.4.6") }
        var encoding: SymbolicEncoding?
        if let encodingNode = try qpy.optional("symbolic_encoding"), !encodingNode.isNull {
            switch encodingNode.json.kind {
            case .string("sympy"): encoding = .sympy
            case .string("symengine"): encoding = .symengine
            case .number: encoding = .other(try encodingNode.integer("an encoding byte", as: UInt8.self))
            default: throw encodingNode.error("expected \"sympy\", \"symengine\" or null")
            }
        }
        var symengine = SymengineVersion.v0_13
        if let node = try qpy.optional("symengine_version") {
            let pieces = try node.string("a version such as 0.11").split(separator: ".").compactMap { UInt16($0) }
            guard pieces.count == 2 else { throw node.error("expected a version such as 0.11") }
            symengine = SymengineVersion(major: pieces[0], minor: pieces[1])
        }
        let header = QPYFileHeader(version: version, qiskitVersion: QiskitVersion(major: parts[0], minor: parts[1], patch: parts[2]),
                                   symbolicEncoding: encoding)
        let table = try root.optional("parameters").map { (node) throws(JSONDecodingError) in try ParameterTable(json: node) } ?? ParameterTable()
        let values = ValueJSON(version: version, table: table)
        let decoder = ScheduleJSONDecoder(values: values, header: header, symengineVersion: symengine, maximumDepth: options.maximumDepth)
        if let circuits = try root.optional("circuits") {
            if try root.optional("schedules") != nil {
                throw circuits.error("a document holds either \"circuits\" or \"schedules\", not both")
            }
            let circuitDecoder = CircuitJSONDecoder(values: values, schedules: decoder, version: version, maximumDepth: options.maximumDepth)
            return QPYFile(header: header, programs: .circuits(try circuits.array("the circuit list").map { (node) throws(JSONDecodingError) in
                try circuitDecoder.circuit(node, depth: 0)
            }))
        }
        guard let schedules = try root.optional("schedules") else {
            throw root.error("the document holds no programs (expected \"circuits\" or \"schedules\")")
        }
        let blocks = try schedules.array("the schedule list").map { (node) throws(JSONDecodingError) in
            try decoder.block(node, topLevel: true, depth: 0)
        }
        return QPYFile(header: header, programs: .scheduleBlocks(blocks))
    }
}
