import QPYExpression
import QPYModel

/// The document's table of parameters: every parameter and vector element with its UUID, in
/// order of first appearance. Expressions in the document name symbols; the table gives each
/// name its UUID (and vector), so the JSON stays readable and keeps every identity.
struct ParameterTable {
    private(set) var symbols: [ParameterSymbol] = []
    /// The position in ``symbols`` of the first symbol with each name (so lookups by name need
    /// no scan, and a symbol already added is found by its name).
    private var firstByName: [String: Int] = [:]
    /// Every symbol, in table order, of the names that several symbols share (usually none).
    private var sharedNames: [String: [ParameterSymbol]] = [:]

    init() {}

    mutating func add(_ symbol: ParameterSymbol) {
        guard let first = firstByName[symbol.name] else {
            firstByName[symbol.name] = symbols.count
            symbols.append(symbol)
            return
        }
        if symbols[first] == symbol { return }
        if let shared = sharedNames[symbol.name] {
            if shared.contains(symbol) { return }
            sharedNames[symbol.name]!.append(symbol)
        } else {
            sharedNames[symbol.name] = [symbols[first], symbol]
        }
        symbols.append(symbol)
    }

    /// Whether two different symbols share this name (then values name their UUIDs).
    func isAmbiguous(_ name: String) -> Bool { !sharedNames.isEmpty && sharedNames[name] != nil }

    /// The symbols with this name, in table order.
    func symbols(named name: String) -> [ParameterSymbol] {
        if let shared = sharedNames[name] { return shared }
        return firstByName[name].map { [symbols[$0]] } ?? []
    }

    // MARK: - JSON

    func json() -> JSONValue {
        .array(symbols.map { symbol in
            switch symbol {
            case .parameter(let parameter):
                return .object([JSONMember("name", .string(parameter.name)), JSONMember("uuid", .string(parameter.uuid.description))])
            case .vectorElement(let element):
                return .object([
                    JSONMember("name", .string(element.name)), JSONMember("uuid", .string(element.uuid.description)),
                    JSONMember("vector", .object([
                        JSONMember("name", .string(element.vectorName)),
                        JSONMember("length", .number(String(element.vectorSize))),
                        JSONMember("index", .number(String(element.index))),
                    ])),
                ])
            }
        })
    }

    init(json node: JSONNode) throws(JSONDecodingError) {
        for entry in try node.array("the parameter table") {
            try entry.requireOnly(["name", "uuid", "vector"], in: "a parameter")
            let name = try entry.member("name").string("the parameter name")
            let uuidNode = try entry.member("uuid")
            guard let uuid = ParameterUUID(try uuidNode.string("the parameter UUID")) else {
                throw uuidNode.error("expected a UUID such as 5a3f…-…")
            }
            if let vector = try entry.optional("vector") {
                try vector.requireOnly(["name", "length", "index"], in: "a vector")
                let element = ParameterVectorElement(
                    vectorName: try vector.member("name").string("the vector name"),
                    vectorSize: try vector.member("length").integer("the vector length", as: UInt64.self),
                    index: try vector.member("index").integer("the element index", as: UInt64.self), uuid: uuid)
                guard element.name == name else { throw entry.error("a vector element's name must be \"\(element.name)\"") }
                add(.vectorElement(element))
            } else {
                add(.parameter(Parameter(name: name, uuid: uuid)))
            }
        }
    }

    /// The symbol a name stands for, using `uuids` to choose among symbols that share a name; a
    /// name not in the table becomes a new parameter with a derived UUID.
    func resolve(_ name: String, uuids: [String: ParameterUUID], at node: JSONNode) throws(JSONDecodingError) -> ParameterSymbol {
        let candidates = symbols(named: name)
        if let uuid = uuids[name] {
            if let match = candidates.first(where: { $0.uuid == uuid }) { return match }
            return .parameter(Parameter(name: name, uuid: uuid))
        }
        switch candidates.count {
        case 0: return .parameter(Parameter(name: name, uuid: ParameterUUID.derived(fromName: name)))
        case 1: return candidates[0]
        default: throw node.error("several parameters are named \"\(name)\"; say which with \"uuids\": {\"\(name)\": \"<uuid>\"}")
        }
    }
}
