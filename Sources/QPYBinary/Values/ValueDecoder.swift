import QPYDiagnostics
import QPYExpression
import QPYModel

/// Reads generic typed values (big-endian context), parameters and parameter expressions.
struct ValueDecoder {
    let version: Int
    let options: QPYDecodingOptions
    /// The enclosing circuit's QPY 18 parameter-vector table.
    var vectorTable: [ParameterVectorDeclaration] = []
    /// Register bits stored as ranges expanded so far, shared by every copy made for one file.
    let registerBits = ExpansionBudget()

    /// Reads a `"!1cQ"`-framed value.
    /// `what` names the value in errors (built only when one is thrown).
    func readValue(_ reader: inout ByteReader, _ what: @autoclosure () -> String) throws(ByteDecodingError) -> Value {
        let key = try reader.readByte("\(what()) type key")
        let size = try reader.readBigEndian(UInt64.self, "\(what()) size")
        guard size <= UInt64(reader.remaining) else {
            throw reader.error("\(what()) claims \(size) bytes but \(reader.remaining) remain")
        }
        var payload = try reader.subReader(length: Int(size), what())
        return try decodeValue(key: key, &payload, what())
    }

    /// Decodes a value payload of type `key`, requiring the payload to be consumed exactly.
    func decodeValue(key: UInt8, _ payload: inout ByteReader, _ what: @autoclosure () -> String) throws(ByteDecodingError) -> Value {
        let value: Value
        switch key {
        case TypeKey.integer: value = .integer(Int64(bitPattern: try payload.readBigEndian(UInt64.self, "integer")))
        case TypeKey.float: value = .float(try payload.readBigEndianDouble("float"))
        case TypeKey.complex:
            value = .complex(real: try payload.readBigEndianDouble("complex real part"),
                             imaginary: try payload.readBigEndianDouble("complex imaginary part"))
        case TypeKey.string: value = .string(try payload.readUTF8(payload.remaining, "string"))
        case TypeKey.none: value = .none
        case TypeKey.parameter: value = .parameter(try readParameter(&payload))
        case TypeKey.vectorElement: value = .vectorElement(try readVectorElement(&payload))
        case TypeKey.expression: value = .expression(try readParameterExpression(&payload, depth: 0))
        default: throw payload.error("unsupported value type key \(TypeKey.describe(key)) for \(what())")
        }
        try payload.requireEnd("\(what()) value")
        return value
    }

    func readUUID(_ reader: inout ByteReader) throws(ByteDecodingError) -> ParameterUUID {
        try reader.require(16, for: "parameter UUID")
        let high = try reader.readBigEndian(UInt64.self, "parameter UUID")
        return ParameterUUID(high: high, low: try reader.readBigEndian(UInt64.self, "parameter UUID"))
    }

    /// PARAMETER `"!H16s"` + name.
    func readParameter(_ reader: inout ByteReader) throws(ByteDecodingError) -> Parameter {
        let nameSize = Int(try reader.readBigEndian(UInt16.self, "parameter name size"))
        let uuid = try readUUID(&reader)
        let name = try reader.readUTF8(nameSize, "parameter name")
        return Parameter(name: name, uuid: uuid)
    }

    /// PARAMETER_VECTOR_ELEMENT `"!HQ16sQ"` + vector name; in QPY 18 `"!HQ"`: an index into the
    /// circuit's vector table and the element index.
    func readVectorElement(_ reader: inout ByteReader) throws(ByteDecodingError) -> ParameterVectorElement {
        if version >= 18 {
            let start = reader.offset
            let vectorIndex = Int(try reader.readBigEndian(UInt16.self, "vector index"))
            let index = try reader.readBigEndian(UInt64.self, "element index")
            guard vectorIndex < vectorTable.count else {
                throw reader.error("vector index \(vectorIndex) is not in the circuit's vector table of \(vectorTable.count)", at: start)
            }
            let vector = vectorTable[vectorIndex]
            return ParameterVectorElement(vectorName: vector.name, vectorSize: vector.size, index: index,
                                          uuid: vector.rootUUID.advanced(by: index))
        }
        let nameSize = Int(try reader.readBigEndian(UInt16.self, "vector name size"))
        let size = try reader.readBigEndian(UInt64.self, "vector size")
        let uuid = try readUUID(&reader)
        let index = try reader.readBigEndian(UInt64.self, "vector index")
        let name = try reader.readUTF8(nameSize, "vector name")
        return ParameterVectorElement(vectorName: name, vectorSize: size, index: index, uuid: uuid)
    }

    /// PARAMETER_EXPR: `"!QQ"` header, the payload, then the symbol map.
    func readParameterExpression(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> ParameterExpression {
        guard depth <= options.maximumNestingDepth else {
            throw reader.error("parameter expressions nested deeper than \(options.maximumNestingDepth) levels")
        }
        let mapCount = try reader.readBigEndian(UInt64.self, "symbol map size")
        let payloadSize = try reader.readBigEndian(UInt64.self, "expression size")
        guard payloadSize <= UInt64(reader.remaining) else {
            throw reader.error("expression claims \(payloadSize) bytes but \(reader.remaining) remain")
        }
        let payloadStart = reader.offset
        var payloadReader = try reader.subReader(length: Int(payloadSize), "expression payload")
        let payloadBytes = try payloadReader.readBytes(Int(payloadSize), "expression payload")
        let entrySize = version < 3 ? 9 : 10
        let keySize = version >= 18 ? 10 : 18
        let count = try reader.checkCount(mapCount, minimumSize: entrySize + keySize, what: "symbol map entry")
        var symbols: [SymbolMapEntry] = []
        var entryOffsets: [Int] = []  // for an error naming a clash, which needs two entries
        symbols.reserveCapacity(count)
        for index in 0..<count {
            if count > 1 { entryOffsets.append(reader.offset) }
            symbols.append(try reader.within("symbol", index) { (inner) throws(ByteDecodingError) in
                try readSymbolMapEntry(&inner, depth: depth)
            })
        }
        // A replay operand names a parameter by UUID alone: two names under one UUID would make
        // the program read one in place of the other.
        if version >= 13, count > 1, let clash = SymbolMapEntry.firstUUIDClash(in: symbols) {
            try reader.within("symbol", clash.index) { (inner) throws(ByteDecodingError) in
                throw inner.error(clash.reason, at: entryOffsets[clash.index])
            }
        }
        let (expression, payload) = try decodePayload(payloadBytes, symbols: symbols, at: payloadStart, path: reader.path)
        return ParameterExpression(expression: expression, symbols: symbols, payload: payload)
    }

    private func readSymbolMapEntry(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> SymbolMapEntry {
        let symbolType = version < 3 ? TypeKey.parameter : try reader.readByte("symbol type")
        let valueType = try reader.readByte("symbol value type")
        let size = try reader.readBigEndian(UInt64.self, "symbol value size")
        let key: SymbolMapEntry.Key
        switch symbolType {
        case TypeKey.parameter: key = .symbol(.parameter(try readParameter(&reader)))
        case TypeKey.vectorElement: key = .symbol(.vectorElement(try readVectorElement(&reader)))
        case TypeKey.expression: key = .expression(try readParameterExpression(&reader, depth: depth + 1))
        default: throw reader.error("unsupported symbol type \(TypeKey.describe(symbolType))")
        }
        guard size <= UInt64(reader.remaining) else { throw reader.error("symbol value claims \(size) bytes but \(reader.remaining) remain") }
        let value = try reader.readBytes(Int(size), "symbol value")
        return SymbolMapEntry(key: key, valueType: valueType, value: value)
    }

    /// The tree and stored form of an expression payload: QPY 13+ replay, else symengine bytes
    /// (they start with 0x01) or sympy `srepr` text.
    private func decodePayload(
        _ bytes: [UInt8], symbols: [SymbolMapEntry], at base: Int, path: ElementPath
    ) throws(ByteDecodingError) -> (Expression, ParameterExpression.Payload) {
        if version >= 13 {
            let program: ReplayProgram
            do {
                program = try ReplayProgram(bytes: bytes)
            } catch {
                throw error.relocated(by: base, under: path)
            }
            var byUUID: [ParameterUUID: String] = [:]
            var byName: [String: ParameterUUID] = [:]
            for entry in symbols {
                if case .symbol(let symbol) = entry.key {
                    byUUID[symbol.uuid] = symbol.name
                    byName[symbol.name] = symbol.uuid
                }
            }
            if program.records.isEmpty {
                // Qiskit cannot load an empty replay; read it as the constant 0.
                return (.integer(0), .replay(program))
            }
            let substitution = SubstitutionDecoder(values: self, namesToUUIDs: byName)
            do {
                let tree = try program.expression(
                    limits: options.expressionLimits,
                    resolve: { uuid in byUUID[uuid].map { Expression.symbol($0) } },
                    substitute: { bytes in try substitution.decode(bytes) })
                return (tree, .replay(program))
            } catch {
                throw error.relocated(by: base, under: path)
            }
        }
        if bytes.first == 0x01 {
            do {
                let archive = try SymengineArchive(bytes: bytes, limits: options.expressionLimits)
                return (archive.root, .symengine(archive.version))
            } catch {
                throw error.relocated(by: base, under: path)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ByteDecodingError("expression text is not valid UTF-8", offset: base, path: path)
        }
        do {
            return (try Expression(srepr: text, limits: options.expressionLimits), .srepr)
        } catch {
            throw ByteDecodingError("expression: \(error.message) (at \(error.location) of the srepr text)", offset: base + error.location.offset, path: path)
        }
    }
}

/// Decodes the MAPPING that follows a replay substitution record into replacement expressions.
struct SubstitutionDecoder {
    let values: ValueDecoder
    let namesToUUIDs: [String: ParameterUUID]

    func decode(_ bytes: [UInt8]) throws -> [ParameterUUID: Expression] {
        var reader = ByteReader(bytes, path: ElementPath(["substitution"]))
        var result: [ParameterUUID: Expression] = [:]
        for item in try MappingReader.read(&reader, what: "substitution") {
            let uuid: ParameterUUID
            if values.version >= 15 {
                guard let raw = ParameterUUID(bytes: item.keyBytes) else {
                    throw reader.error("substitution key is not a 16-byte UUID")
                }
                uuid = raw
            } else {
                guard let name = String(validating: item.keyBytes, as: UTF8.self), let known = namesToUUIDs[name] else {
                    throw reader.error("substitution names a parameter that is not in the symbol map")
                }
                uuid = known
            }
            var payload = item.value
            let value = try values.decodeValue(key: item.type, &payload, "substitution value")
            result[uuid] = try value.asExpression()
        }
        return result
    }
}

extension Value {
    /// The value as an expression tree (for substitutions).
    func asExpression() throws(ByteDecodingError) -> Expression {
        switch self {
        case .integer(let value): return .integer(Int(value))
        case .float(let value): return .float(value)
        case .complex(let real, let imaginary): return .complex(real: .float(real), imaginary: .float(imaginary))
        case .parameter(let parameter): return .symbol(parameter.name)
        case .vectorElement(let element): return .symbol(element.name)
        case .expression(let expression): return expression.expression
        default: throw ByteDecodingError("substitution value is not a number or parameter", offset: 0)
        }
    }
}
