import QPYExpression
import QPYModel

/// Typed values in JSON. Two spellings, both lossless:
/// - **numeric** (durations, amplitudes, phases, frequencies, channel indices, pulse parameters):
///   numbers are JSON numbers, a JSON string is an expression in the infix syntax (a parameter's
///   name is the simplest expression), literal strings are `{"string": …}`;
/// - **plain** (kernel and discriminator parameters, generic operands): a JSON string is a string,
///   expressions are `{"expr": …}`.
/// Everywhere: `null` is None, `{"complex": [re, im]}`, `{"float": "NaN"}`, `{"int": "…"}` for
/// integers beyond ±2^53.
struct ValueJSON {
    /// The QPY version of the document (decides the default storage of expressions).
    let version: Int
    var table: ParameterTable
    /// Infix texts already parsed (decoding).
    let parsed = ParsedExpressions()

    enum Spelling { case numeric, plain }

    // MARK: Encoding

    func encode(_ value: Value, _ spelling: Spelling) -> JSONValue {
        switch value {
        case .integer(let number): return JSONNumbers.integer(number)
        case .float(let number): return JSONNumbers.float(number)
        case .complex(let real, let imaginary):
            return .object([JSONMember("complex", .array([JSONNumbers.float(real), JSONNumbers.float(imaginary)]))])
        case .string(let text):
            return spelling == .plain ? .string(text) : .object([JSONMember("string", .string(text))])
        case .none: return .null
        case .parameter(let parameter): return symbolJSON(.parameter(parameter), spelling)
        case .vectorElement(let element): return symbolJSON(.vectorElement(element), spelling)
        case .expression(let expression): return expressionJSON(expression, spelling)
        }
    }

    private func symbolJSON(_ symbol: ParameterSymbol, _ spelling: Spelling) -> JSONValue {
        let text = JSONValue.string(Expression.symbol(symbol.name).infix)
        var members: [JSONMember] = []
        if table.isAmbiguous(symbol.name) {
            members.append(JSONMember("uuids", .object([JSONMember(symbol.name, .string(symbol.uuid.description))])))
            switch symbol {
            case .vectorElement(let element):
                members.append(JSONMember("vector", .object([
                    JSONMember("name", .string(element.vectorName)), JSONMember("length", .number(String(element.vectorSize))),
                    JSONMember("index", .number(String(element.index))),
                ])))
            case .parameter:
                members.append(JSONMember("vector", .null))
            }
        }
        if members.isEmpty && spelling == .numeric { return text }
        return .object([JSONMember("expr", text)] + members)
    }

    /// An expression: its infix text, plus what QPY stored that the text does not determine.
    func expressionJSON(_ expression: ParameterExpression, _ spelling: Spelling) -> JSONValue {
        var members: [JSONMember] = []
        let ordinary = expression.symbols.allSatisfy(\.isOrdinary)
        var mapSymbols: [ParameterSymbol] = []
        for entry in expression.symbols { if case .symbol(let symbol) = entry.key { mapSymbols.append(symbol) } }
        let ambiguousNames = mapSymbols.contains { table.isAmbiguous($0.name) }
        if !ordinary || ambiguousNames {
            // Entries that name each symbol in full (a name shared by several symbols needs it).
            members.append(JSONMember("symbol_map", .array(expression.symbols.map(symbolMapEntryJSON))))
        } else if mapSymbols.map(\.name) != expression.expression.symbolNames {
            members.append(JSONMember("symbols", .array(mapSymbols.map { .string($0.name) })))
        }
        let ambiguous = ordinary && !ambiguousNames ? [] : [ParameterSymbol]()
        if !ambiguous.isEmpty {
            members.append(JSONMember("uuids", .object(ambiguous.map { JSONMember($0.name, .string($0.uuid.description)) })))
        }
        switch expression.payload {
        case .srepr:
            if version >= 13 { members.append(JSONMember("encoding", .string("srepr"))) }
        case .symengine(let symengine):
            members.append(JSONMember("encoding", .string(SymbolicExpression.Encoding.symengine(symengine).name)))
        case .replay(let program):
            if let program, program != (try? expression.derivedReplayProgram()), let bytes = try? program.bytes() {
                members.append(JSONMember("replay", .string(JSONNumbers.hex(bytes))))
            } else if version < 13 {
                members.append(JSONMember("encoding", .string("replay")))
            }
        }
        if case .symbol = expression.expression, !members.contains(where: { ["encoding", "replay", "symbol_map"].contains($0.key) }) {
            // A bare symbol stored as an expression: name the payload so it does not read back as
            // the parameter itself.
            let kind: String
            switch expression.payload {
            case .srepr: kind = "srepr"
            case .replay: kind = "replay"
            case .symengine(let symengine): kind = SymbolicExpression.Encoding.symengine(symengine).name
            }
            members.append(JSONMember("encoding", .string(kind)))
        }
        let text = JSONValue.string(expression.expression.infix)
        if members.isEmpty && spelling == .numeric { return text }
        return .object([JSONMember("expr", text)] + members)
    }

    private func symbolMapEntryJSON(_ entry: SymbolMapEntry) -> JSONValue {
        var members: [JSONMember] = []
        switch entry.key {
        case .symbol(let symbol):
            members.append(JSONMember("symbol", .string(symbol.name)))
            members.append(JSONMember("uuid", .string(symbol.uuid.description)))
            if case .vectorElement(let element) = symbol {
                members.append(JSONMember("vector", .object([
                    JSONMember("name", .string(element.vectorName)), JSONMember("length", .number(String(element.vectorSize))),
                    JSONMember("index", .number(String(element.index))),
                ])))
            }
        case .expression(let nested):
            members.append(JSONMember("expression", expressionJSON(nested, .plain)))
        }
        members.append(JSONMember("value_type", (0x21...0x7E).contains(entry.valueType)
            ? .string(String(UnicodeScalar(entry.valueType))) : .number(String(entry.valueType))))
        members.append(JSONMember("value", .string(JSONNumbers.hex(entry.value))))
        return .object(members)
    }

    // MARK: Decoding

    func decode(_ node: JSONNode, _ spelling: Spelling) throws(JSONDecodingError) -> Value {
        switch node.json.kind {
        case .null: return .none
        case .bool: throw node.error("booleans are not QPY values; use 0 or 1")
        case .number(let number):
            if number.isFloatLiteral {
                guard let value = number.double else { throw node.error("malformed number") }
                return .float(value)
            }
            guard let value = Int64(number.text) else { throw node.error("integer out of the 64-bit range") }
            return .integer(value)
        case .string(let text):
            if spelling == .plain { return .string(text) }
            return try expressionValue(text, details: nil, at: node)
        case .array:
            throw node.error("expected a value (number, expression string, null or a typed object), found an array")
        case .object(let members):
            let hasExpression = members.contains { $0.key == "expr" }
            guard members.count == 1 || hasExpression else {
                throw node.error("a typed value has exactly one of \"int\", \"float\", \"complex\", \"string\" (or \"expr\" with its details)")
            }
            if let int = try node.optional("int") {
                guard let value = Int64(try int.string("the integer digits")) else { throw int.error("integer out of the 64-bit range") }
                return .integer(value)
            }
            if let float = try node.optional("float") {
                guard let value = JSONNumbers.parseNonFinite(try float.string("NaN, Infinity, -Infinity or 0x<bits>")) else {
                    throw float.error("expected NaN, Infinity, -Infinity or 0x<16 hex digits>")
                }
                return .float(value)
            }
            if let complex = try node.optional("complex") {
                let parts = try complex.array("[re, im]")
                guard parts.count == 2 else { throw complex.error("expected [re, im]") }
                return .complex(real: try floatValue(parts[0]), imaginary: try floatValue(parts[1]))
            }
            if let string = try node.optional("string") { return .string(try string.string("the string")) }
            if let expr = try node.optional("expr") {
                try node.requireOnly(["expr", "symbols", "symbol_map", "uuids", "encoding", "replay", "vector"], in: "an expression")
                return try expressionValue(try expr.string("an infix expression"), details: node, at: expr)
            }
            throw node.error("expected one of \"int\", \"float\", \"complex\", \"string\", \"expr\"")
        }
    }

    func floatValue(_ node: JSONNode) throws(JSONDecodingError) -> Double {
        if case .object = node.json.kind, let float = try node.optional("float") {
            guard let value = JSONNumbers.parseNonFinite(try float.string("NaN, Infinity, -Infinity or 0x<bits>")) else {
                throw float.error("expected NaN, Infinity, -Infinity or 0x<16 hex digits>")
            }
            return value
        }
        return try node.double("a number")
    }

    private func uuids(_ details: JSONNode?) throws(JSONDecodingError) -> [String: ParameterUUID] {
        guard let node = try details?.optional("uuids") else { return [:] }
        var result: [String: ParameterUUID] = [:]
        for (name, value) in try node.object("a name to UUID map") {
            guard let uuid = ParameterUUID(try value.string("a UUID")) else { throw value.error("expected a UUID") }
            result[name] = uuid
        }
        return result
    }

    func parseInfix(_ text: String, at node: JSONNode) throws(JSONDecodingError) -> Expression {
        do {
            return try parsed.expression(infix: text)
        } catch {
            throw node.error("invalid expression: \(error.location): \(error.message)")
        }
    }

    /// A value from infix text: a bare symbol is a parameter or vector element, anything else an
    /// expression.
    private func expressionValue(_ text: String, details: JSONNode?, at node: JSONNode) throws(JSONDecodingError) -> Value {
        let tree = try parseInfix(text, at: node)
        let names = try uuids(details)
        if case .symbol(let name) = tree, let vector = try details?.optional("vector"), let uuid = names[name] {
            // A bare symbol whose name several symbols share, named in full.
            if vector.isNull { return .parameter(Parameter(name: name, uuid: uuid)) }
            try vector.requireOnly(["name", "length", "index"], in: "a vector")
            return .vectorElement(ParameterVectorElement(
                vectorName: try vector.member("name").string("the vector name"),
                vectorSize: try vector.member("length").integer("the vector length", as: UInt64.self),
                index: try vector.member("index").integer("the element index", as: UInt64.self), uuid: uuid))
        }
        if case .symbol(let name) = tree, try details?.optional("symbol_map") == nil, try details?.optional("replay") == nil,
           try details?.optional("encoding") == nil {
            switch try table.resolve(name, uuids: names, at: node) {
            case .parameter(let parameter): return .parameter(parameter)
            case .vectorElement(let element): return .vectorElement(element)
            }
        }
        return .expression(try parameterExpression(tree, details: details, uuids: names, at: node))
    }

    func parameterExpression(_ tree: Expression, details: JSONNode?, uuids: [String: ParameterUUID], at node: JSONNode) throws(JSONDecodingError) -> ParameterExpression {
        var symbols: [SymbolMapEntry] = []
        if let map = try details?.optional("symbol_map") {
            for entry in try map.array("the symbol map") { symbols.append(try symbolMapEntry(entry)) }
        } else {
            var order = tree.symbolNames
            if let listed = try details?.optional("symbols") {
                order = try listed.array("symbol names").map { (item) throws(JSONDecodingError) in try item.string("a symbol name") }
            }
            for name in order { symbols.append(.symbol(try table.resolve(name, uuids: uuids, at: node))) }
        }
        var payload: ParameterExpression.Payload = version >= 13 ? .replay(nil) : .srepr
        if let encoding = try details?.optional("encoding") {
            let name = try encoding.string("srepr, replay or symengine-<major>.<minor>")
            switch name {
            case "srepr": payload = .srepr
            case "replay": payload = .replay(nil)
            default:
                guard case .symengine(let symengine)? = SymbolicExpression.Encoding(name: name) else {
                    throw encoding.error("expected srepr, replay or symengine-<major>.<minor>")
                }
                payload = .symengine(symengine)
            }
        }
        if let replay = try details?.optional("replay") {
            guard let bytes = JSONNumbers.bytes(hex: try replay.string("the replay program in hex")) else {
                throw replay.error("expected hex digits")
            }
            do { payload = .replay(try ReplayProgram(bytes: bytes)) } catch { throw replay.error("invalid replay program: \(error)") }
        }
        // A replay payload gets the program Qiskit 2.x would write for this tree (the same one
        // QPY decoding keeps).
        return ParameterExpression(expression: tree, symbols: symbols, payload: payload).withDerivedReplayProgram()
    }

    private func symbolMapEntry(_ node: JSONNode) throws(JSONDecodingError) -> SymbolMapEntry {
        try node.requireOnly(["symbol", "uuid", "vector", "expression", "value_type", "value"], in: "a symbol map entry")
        let typeNode = try node.member("value_type")
        let valueType: UInt8
        if case .number = typeNode.json.kind {
            valueType = try typeNode.integer("a type key byte", as: UInt8.self)
        } else {
            let typeText = try typeNode.string("a one-letter type key")
            guard typeText.utf8.count == 1, let first = typeText.utf8.first else { throw node.error("value_type must be one letter") }
            valueType = first
        }
        guard let value = JSONNumbers.bytes(hex: try node.member("value").string("hex bytes")) else { throw node.error("value must be hex bytes") }
        if let expression = try node.optional("expression") {
            guard case .expression(let nested) = try decode(expression, .plain) else { throw expression.error("expected an expression") }
            return SymbolMapEntry(key: .expression(nested), valueType: valueType, value: value)
        }
        let nameNode = try node.member("symbol")
        let name = try nameNode.string("a symbol name")
        guard let uuidNode = try node.optional("uuid") else {
            return SymbolMapEntry(key: .symbol(try table.resolve(name, uuids: [:], at: nameNode)), valueType: valueType, value: value)
        }
        guard let uuid = ParameterUUID(try uuidNode.string("a UUID")) else { throw uuidNode.error("expected a UUID") }
        if let vector = try node.optional("vector") {
            try vector.requireOnly(["name", "length", "index"], in: "a vector")
            let element = ParameterVectorElement(
                vectorName: try vector.member("name").string("the vector name"),
                vectorSize: try vector.member("length").integer("the vector length", as: UInt64.self),
                index: try vector.member("index").integer("the element index", as: UInt64.self), uuid: uuid)
            return SymbolMapEntry(key: .symbol(.vectorElement(element)), valueType: valueType, value: value)
        }
        if case .vectorElement(let element)? = table.symbols(named: name).first(where: { $0.uuid == uuid }) {
            return SymbolMapEntry(key: .symbol(.vectorElement(element)), valueType: valueType, value: value)
        }
        return SymbolMapEntry(key: .symbol(.parameter(Parameter(name: name, uuid: uuid))), valueType: valueType, value: value)
    }
}

/// The memo of ``ValueJSON/parseInfix(_:at:)``, by text: a pulse library repeats the same few
/// envelopes thousands of times, and hashing a text costs far less than parsing it. Equal texts
/// share one tree, as the binary decoder shares one per distinct payload. Failures are not kept
/// (each is reported where it occurs).
final class ParsedExpressions {
    private var trees: [String: Expression] = [:]

    func expression(infix text: String) throws(ExpressionSyntaxError) -> Expression {
        if let known = trees[text] { return known }
        let tree = try Expression(infix: text)
        // A bare name (most parameters) is made as fast as it is looked up: not kept.
        if case .symbol = tree { return tree }
        trees[text] = tree
        return tree
    }
}
