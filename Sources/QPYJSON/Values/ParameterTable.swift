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
        .array(symbols.map(Self.json))
    }

    /// ``json()`` for a streamed document, where the table is long (at least
    /// ``JSONStreaming/minimumElements`` entries, so never on one line): a parameter whose entry
    /// fits `lineLimit` is written as its one-line text without a tree.
    func streamedJSON(lineLimit: Int) -> JSONStream {
        guard symbols.count >= JSONStreaming.minimumElements else { return .value(json()) }
        let symbols = self.symbols
        return .parallelTextArray(count: symbols.count) {
            { index, out in
                guard case .parameter(let parameter) = symbols[index] else { return .value(Self.json(symbols[index])) }
                let start = out.count
                if Self.appendOneLine(parameter, to: &out), out.count - start <= lineLimit { return nil }
                out.removeSubrange(start...)
                return .value(Self.json(symbols[index]))
            }
        }
    }

    /// `{"name": "…", "uuid": "…"}` as the pretty layout writes it on one line, when the name
    /// is printable ASCII needing no escapes (the byte count is then the character count);
    /// false otherwise.
    private static func appendOneLine(_ parameter: Parameter, to out: inout [UInt8]) -> Bool {
        var name = parameter.name
        let plain = name.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: #"{"name": ""#.utf8)
            out.append(contentsOf: bytes)
            return true
        }
        guard plain else { return false }
        out.append(contentsOf: #"", "uuid": ""#.utf8)
        let uuid = parameter.uuid
        for index in 0..<32 {
            // ParameterUUID.description's digits.
            if index == 8 || index == 12 || index == 16 || index == 20 { out.append(UInt8(ascii: "-")) }
            let word = index < 16 ? uuid.high : uuid.low
            let nibble = UInt8(truncatingIfNeeded: word >> (4 * (15 - index % 16))) & 0xF
            out.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
        }
        out.append(contentsOf: #""}"#.utf8)
        return true
    }

    private static func json(_ symbol: ParameterSymbol) -> JSONValue {
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
    }

    init(json node: JSONNode) throws(JSONDecodingError) {
        try node.forEachElement("the parameter table") { (entry) throws(JSONDecodingError) in
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
