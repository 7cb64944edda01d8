import QPYDiagnostics
import QPYExpression
import QPYModel

/// Writes generic typed values (big-endian context), parameters and parameter expressions.
struct ValueEncoder {
    let version: Int
    /// The enclosing circuit's QPY 18 parameter-vector table.
    var vectorTable: [ParameterVectorDeclaration] = []

    /// A `"!1cQ"`-framed value.
    func writeValue(_ value: Value, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        let (key, payload) = try encodeValue(value, path: path)
        writer.append(key)
        writer.appendBigEndian(UInt64(payload.count))
        writer.append(contentsOf: payload)
    }

    /// The type key and payload of a value.
    func encodeValue(_ value: Value, path: ElementPath) throws(QPYEncodingError) -> (UInt8, [UInt8]) {
        var writer = ByteWriter()
        switch value {
        case .integer(let number):
            writer.appendBigEndian(number)
            return (TypeKey.integer, writer.bytes)
        case .float(let number):
            writer.appendBigEndian(number)
            return (TypeKey.float, writer.bytes)
        case .complex(let real, let imaginary):
            writer.appendBigEndian(real)
            writer.appendBigEndian(imaginary)
            return (TypeKey.complex, writer.bytes)
        case .string(let text):
            return (TypeKey.string, Array(text.utf8))
        case .none:
            guard version >= 4 else { throw QPYEncodingError("None values need QPY 4 or later", path: path) }
            return (TypeKey.none, [])
        case .parameter(let parameter):
            try writeParameter(parameter, into: &writer, path: path)
            return (TypeKey.parameter, writer.bytes)
        case .vectorElement(let element):
            guard version >= 3 else { throw QPYEncodingError("ParameterVector elements need QPY 3 or later", path: path) }
            try writeVectorElement(element, into: &writer, path: path)
            return (TypeKey.vectorElement, writer.bytes)
        case .expression(let expression):
            try writeParameterExpression(expression, into: &writer, path: path)
            return (TypeKey.expression, writer.bytes)
        }
    }

    func writeParameter(_ parameter: Parameter, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        let name = Array(parameter.name.utf8)
        writer.appendBigEndian(try narrow(name.count, "parameter name size", path: path) as UInt16)
        writer.append(contentsOf: parameter.uuid.bytes)
        writer.append(contentsOf: name)
    }

    func writeVectorElement(_ element: ParameterVectorElement, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        if version >= 18 {
            let root = element.uuid.retreated(by: element.index)
            guard let index = vectorTable.firstIndex(where: { $0.rootUUID == root && $0.name == element.vectorName }) else {
                throw QPYEncodingError("ParameterVector \"\(element.vectorName)\" is not in the circuit's vector table", path: path)
            }
            writer.appendBigEndian(try narrow(index, "vector table index", path: path) as UInt16)
            writer.appendBigEndian(element.index)
            return
        }
        let name = Array(element.vectorName.utf8)
        writer.appendBigEndian(try narrow(name.count, "vector name size", path: path) as UInt16)
        writer.appendBigEndian(element.vectorSize)
        writer.append(contentsOf: element.uuid.bytes)
        writer.appendBigEndian(element.index)
        writer.append(contentsOf: name)
    }

    /// PARAMETER_EXPR: `"!QQ"`, payload, symbol map.
    func writeParameterExpression(_ expression: ParameterExpression, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        if version >= 13, let clash = SymbolMapEntry.firstUUIDClash(in: expression.symbols) {
            throw QPYEncodingError(clash.reason, path: path.appending("symbol \(clash.index)"))
        }
        let payload = try expressionPayload(expression, path: path)
        writer.appendBigEndian(UInt64(expression.symbols.count))
        writer.appendBigEndian(UInt64(payload.count))
        writer.append(contentsOf: payload)
        for (index, entry) in expression.symbols.enumerated() {
            let entryPath = path.appending("symbol \(index)")
            var key = ByteWriter()
            let symbolType: UInt8
            switch entry.key {
            case .symbol(.parameter(let parameter)):
                symbolType = TypeKey.parameter
                try writeParameter(parameter, into: &key, path: entryPath)
            case .symbol(.vectorElement(let element)):
                symbolType = TypeKey.vectorElement
                try writeVectorElement(element, into: &key, path: entryPath)
            case .expression(let nested):
                guard version >= 13 else { throw QPYEncodingError("expression-keyed symbol entries need QPY 13", path: entryPath) }
                symbolType = TypeKey.expression
                try writeParameterExpression(nested, into: &key, path: entryPath)
            }
            if version >= 3 {
                writer.append(symbolType)
            } else if symbolType != TypeKey.parameter {
                throw QPYEncodingError("QPY \(version) symbol maps hold only plain parameters", path: entryPath)
            }
            writer.append(entry.valueType)
            writer.appendBigEndian(UInt64(entry.value.count))
            writer.append(contentsOf: key.bytes)
            writer.append(contentsOf: entry.value)
        }
    }

    /// The payload bytes for this version: the stored form when it suits the version (and, for a
    /// kept replay program, still computes the same tree), else a fresh encoding of the tree.
    private func expressionPayload(_ expression: ParameterExpression, path: ElementPath) throws(QPYEncodingError) -> [UInt8] {
        if version >= 13 {
            if case .replay(let kept?) = expression.payload, replayMatches(kept, expression) {
                do { return try kept.bytes() } catch { throw QPYEncodingError("replay program: \(error)", path: path) }
            }
            do {
                return try expression.derivedReplayProgram().bytes()
            } catch {
                throw QPYEncodingError("this expression cannot be written as a QPY 13+ replay program: \(error)", path: path)
            }
        }
        if case .symengine(let symengineVersion) = expression.payload, version >= 10 {
            do { return try expression.expression.symengineBytes(version: symengineVersion) } catch {
                throw QPYEncodingError("cannot write symengine: \(error)", path: path)
            }
        }
        return Array(expression.expression.srepr.utf8)
    }

    private func replayMatches(_ program: ReplayProgram, _ expression: ParameterExpression) -> Bool {
        if program.records.isEmpty { return expression.expression == .integer(0) }
        var names: [ParameterUUID: String] = [:]
        var uuids: [String: ParameterUUID] = [:]
        for entry in expression.symbols {
            if case .symbol(let symbol) = entry.key {
                names[symbol.uuid] = symbol.name
                uuids[symbol.name] = symbol.uuid
            }
        }
        let substitution = SubstitutionDecoder(values: ValueDecoder(version: version, options: QPYDecodingOptions(), vectorTable: vectorTable),
                                               namesToUUIDs: uuids)
        let tree = try? program.expression(resolve: { uuid in names[uuid].map { Expression.symbol($0) } },
                                           substitute: { bytes in try substitution.decode(bytes) })
        return tree == expression.expression
    }
}
