import QPYDiagnostics
import QPYExpression
import QPYModel

extension TextDecoder {
    // MARK: - Storage details

    /// The `@qpy(…)` items, checked against the details this place can have.
    func attributes(_ syntax: AttributesSyntax?, allowed: [String], in what: String) throws(TextDecodingError) -> [String: ValueSyntax] {
        guard let syntax else { return [:] }
        var result: [String: ValueSyntax] = [:]
        for item in syntax.items {
            guard let label = item.label else { continue }
            guard allowed.contains(label.text) else {
                let expected = allowed.isEmpty ? "it has none" : "expected " + Self.list(allowed)
                throw error("unknown storage detail '\(label.text)' for \(what); \(expected)", at: label.range.start)
            }
            guard result[label.text] == nil else { throw error("duplicate storage detail '\(label.text)'", at: label.range.start) }
            result[label.text] = item.value
        }
        return result
    }

    /// `a, b or c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }

    func hexBytes(_ syntax: ValueSyntax, _ what: String) throws(TextDecodingError) -> [UInt8] {
        guard case .string(let text) = syntax.kind, let bytes = HexText.bytes(text) else {
            throw error("expected \(what) as a string of hex digits", at: syntax.range.start)
        }
        return bytes
    }

    // MARK: - Expressions

    /// Parses infix text found at `offset`, with errors located in the whole text.
    func infix(_ text: String, at offset: Int) throws(TextDecodingError) -> Expression {
        do {
            return try Expression(infix: text, limits: options.expressionLimits)
        } catch {
            throw self.error("invalid expression: \(error.message)", at: offset + error.location.offset)
        }
    }

    /// The tree of a pulse expression (envelope, constraints, conditions): symbols are the pulse's
    /// own parameters, not declared ones.
    func pulseExpressionTree(_ syntax: ValueSyntax) throws(TextDecodingError) -> Expression {
        switch syntax.kind {
        case .infix(let text): return try infix(text, at: syntax.range.start)
        case .number(let text): return try infix(text, at: syntax.range.start)
        case .forcedExpression(let text, let start): return try infix(text, at: start)
        default: throw error("expected an expression in the infix syntax", at: syntax.range.start)
        }
    }

    /// A typed value.
    func value(_ syntax: ValueSyntax) throws(TextDecodingError) -> Value {
        var result: Value
        switch syntax.kind {
        case .none: result = .none
        case .string(let text): result = .string(text)
        case .complex(let real, let imaginary): result = .complex(real: real, imaginary: imaginary)
        case .number(let text):
            if text.contains(".") || text.contains("e") || text.contains("E") {
                guard let number = DoubleParsing.double(text) else { throw error("malformed number", at: syntax.range.start) }
                result = .float(number)
            } else {
                guard let number = Int64(text) else {
                    throw error("integer out of the 64-bit range; write expr(\(text)) for a ParameterExpression", at: syntax.range.start)
                }
                result = .integer(number)
            }
        case .infix(let text):
            let tree = try infix(text, at: syntax.range.start)
            switch tree {
            case .number(.integer(let big)):
                guard let number = Int64(exactly: big) else {
                    throw error("integer out of the 64-bit range; write expr(…) for a ParameterExpression", at: syntax.range.start)
                }
                result = .integer(number)
            case .number(.float(let number)):
                result = .float(number)
            case .symbol(let name):
                switch try resolve(name, at: syntax.range.start) {
                case .parameter(let parameter): result = .parameter(parameter)
                case .vectorElement(let element): result = .vectorElement(element)
                }
            default:
                return .expression(try parameterExpression(tree, details: syntax.attributes, at: syntax.range.start))
            }
        case .forcedExpression(let text, let start):
            return .expression(try parameterExpression(try infix(text, at: start), details: syntax.attributes, at: start))
        case .list: throw error("expected a value, found a list", at: syntax.range.start)
        case .dictionary: throw error("expected a value, found a dictionary", at: syntax.range.start)
        case .call(let name, _): throw error("expected a value, found \(name.text)(…)", at: syntax.range.start)
        case .channel: throw error("expected a value, found a channel", at: syntax.range.start)
        }
        if let attributes = syntax.attributes {
            throw error("storage details (@qpy) belong to expressions; write expr(…) for a ParameterExpression", at: attributes.range.start)
        }
        return result
    }

    func resolve(_ name: String, at offset: Int) throws(TextDecodingError) -> ParameterSymbol {
        switch scope.resolve(name) {
        case .symbol(let symbol): return symbol
        case .outOfRange(let vector, let length):
            throw error("\(name) is out of range: vector \(vector) has length \(length)", at: offset)
        }
    }

    /// A ParameterExpression from a tree over local names and its storage details.
    func parameterExpression(_ localTree: Expression, details syntax: AttributesSyntax?, at offset: Int) throws(TextDecodingError) -> ParameterExpression {
        let details = try attributes(syntax, allowed: ["symbols", "symbol_map", "replay", "encoding"], in: "an expression")
        // Local names to symbols; the tree is renamed to the symbols' own names.
        var renames: [String: Expression] = [:]
        var byRealName: [String: (String, ParameterSymbol)] = [:]
        var symbolsByLocal: [String: ParameterSymbol] = [:]
        for name in localTree.symbolNames {
            let symbol = try resolve(name, at: offset)
            if let (other, previous) = byRealName[symbol.name], previous != symbol {
                throw error("\(other) and \(name) are different parameters named '\(symbol.name)'; one expression cannot use both", at: offset)
            }
            byRealName[symbol.name] = (name, symbol)
            symbolsByLocal[name] = symbol
            if symbol.name != name { renames[name] = .symbol(symbol.name) }
        }
        let tree = localTree.substituting(renames)
        var entries: [SymbolMapEntry] = []
        if let map = details["symbol_map"] {
            guard case .list(let items) = map.kind else { throw error("expected symbol_map=[map(symbol, \"p\", \"hex\"), …]", at: map.range.start) }
            for item in items { entries.append(try symbolMapEntry(item)) }
        } else if let listed = details["symbols"] {
            guard case .list(let items) = listed.kind else { throw error("expected symbols=[name, …]", at: listed.range.start) }
            for item in items {
                let name: String
                switch item.kind {
                case .string(let text): name = text
                case .infix(let text):
                    guard case .symbol(let symbolName) = try infix(text, at: item.range.start) else {
                        throw error("expected a parameter name", at: item.range.start)
                    }
                    name = symbolName
                default: throw error("expected a parameter name", at: item.range.start)
                }
                if let symbol = symbolsByLocal[name] {
                    entries.append(.symbol(symbol))
                } else {
                    entries.append(.symbol(try resolve(name, at: item.range.start)))
                }
            }
        } else {
            for name in localTree.symbolNames { if let symbol = symbolsByLocal[name] { entries.append(.symbol(symbol)) } }
        }
        var payload: ParameterExpression.Payload = header.version >= 13 ? .replay(nil) : .srepr
        if inCircuitValues, header.symbolicEncoding == .symengine, (10...12).contains(header.version) { payload = .symengine(symengineVersion) }
        if let encoding = details["encoding"] {
            guard case .string(let name) = encoding.kind else { throw error("expected encoding=\"srepr\", \"replay\" or \"symengine-<major>.<minor>\"", at: encoding.range.start) }
            switch name {
            case "srepr": payload = .srepr
            case "replay": payload = .replay(nil)
            default:
                guard case .symengine(let version)? = SymbolicExpression.Encoding(name: name) else {
                    throw error("expected encoding=\"srepr\", \"replay\" or \"symengine-<major>.<minor>\"", at: encoding.range.start)
                }
                payload = .symengine(version)
            }
        }
        if let replay = details["replay"] {
            let bytes = try hexBytes(replay, "the replay program")
            do {
                payload = .replay(try ReplayProgram(bytes: bytes))
            } catch {
                throw self.error("invalid replay program: \(error.reason)", at: replay.range.start)
            }
        }
        // A replay payload gets the program Qiskit 2.x would write for this tree (the one QPY
        // decoding keeps too).
        return ParameterExpression(expression: tree, symbols: entries, payload: payload).withDerivedReplayProgram()
    }

    /// `map(key, "p", "hex")`: a symbol-map entry.
    func symbolMapEntry(_ syntax: ValueSyntax) throws(TextDecodingError) -> SymbolMapEntry {
        guard case .call(let name, let arguments) = syntax.kind, name.text == "map", arguments.count == 3,
              arguments.allSatisfy({ $0.label == nil }),
              case .string(let typeText) = arguments[1].value.kind, typeText.utf8.count == 1, let valueType = typeText.utf8.first
        else {
            throw error("expected map(symbol or expr(…), \"<one-letter type>\", \"<hex>\")", at: syntax.range.start)
        }
        let bytes = try hexBytes(arguments[2].value, "the entry's value")
        let keySyntax = arguments[0].value
        switch keySyntax.kind {
        case .forcedExpression:
            guard case .expression(let nested) = try value(keySyntax) else { throw error("expected an expression", at: keySyntax.range.start) }
            return SymbolMapEntry(key: .expression(nested), valueType: valueType, value: bytes)
        case .infix(let text):
            guard case .symbol(let local) = try infix(text, at: keySyntax.range.start) else {
                throw error("expected a parameter name or expr(…)", at: keySyntax.range.start)
            }
            return SymbolMapEntry(key: .symbol(try resolve(local, at: keySyntax.range.start)), valueType: valueType, value: bytes)
        case .string(let local):
            return SymbolMapEntry(key: .symbol(try resolve(local, at: keySyntax.range.start)), valueType: valueType, value: bytes)
        default:
            throw error("expected a parameter name or expr(…)", at: keySyntax.range.start)
        }
    }

    // MARK: - Channels and processors

    func channel(_ syntax: ValueSyntax) throws(TextDecodingError) -> Channel {
        switch syntax.kind {
        case .channel(let kind, let index):
            return Channel(kind: kind, index: .integer(index))
        case .call(let name, let arguments):
            guard let kind = ChannelSpelling.kind(prefix: name.text), arguments.count == 1 else {
                throw error("expected a channel such as d0 or d(<index>)", at: syntax.range.start)
            }
            return Channel(kind: kind, index: try value(arguments[0].value))
        default:
            throw error("expected a channel such as d0 or d(<index>)", at: syntax.range.start)
        }
    }

    /// `Kernel(name=…, parameters…)` / `Discriminator(…)`.
    func processor(_ syntax: ValueSyntax, expected: String) throws(TextDecodingError) -> AcquireProcessor {
        guard case .call(let callee, let arguments) = syntax.kind, callee.text == expected, !callee.isQuoted else {
            throw error("expected \(expected)(…)", at: syntax.range.start)
        }
        var name: String?
        var parameters: [ProcessorParameter] = []
        var seen: Set<String> = []
        for argument in arguments {
            guard let label = argument.label else {
                throw error("\(expected) arguments are keyword arguments (name=value)", at: argument.value.range.start)
            }
            if label.text == "name", !label.isQuoted {
                guard seen.insert(label.text).inserted else { throw error("duplicate argument 'name'", at: label.range.start) }
                switch argument.value.kind {
                case .none: name = nil
                case .string(let text): name = text
                default: throw error("expected the \(expected.lowercased()) name as a string, or None", at: argument.value.range.start)
                }
                continue
            }
            parameters.append(ProcessorParameter(label.text, try processorValue(argument.value)))
        }
        return AcquireProcessor(name: name, parameters: parameters)
    }

    func processorValue(_ syntax: ValueSyntax) throws(TextDecodingError) -> ProcessorValue {
        switch syntax.kind {
        case .list(let items):
            var values: [ProcessorValue] = []
            for item in items { values.append(try processorValue(item)) }
            return .list(values)
        case .dictionary(let items):
            var parameters: [ProcessorParameter] = []
            for item in items { parameters.append(ProcessorParameter(item.key, try processorValue(item.value))) }
            return .dictionary(parameters)
        default:
            return .value(try value(syntax))
        }
    }
}
