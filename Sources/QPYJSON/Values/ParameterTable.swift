import QPYExpression
import QPYModel

/// The document's table of parameters: every parameter and vector element with its UUID, in
/// order of first appearance. Expressions in the document name symbols; the table gives each
/// name its UUID (and vector), so the JSON stays readable and keeps every identity.
struct ParameterTable {
    private(set) var symbols: [ParameterSymbol] = []
    private var seen: Set<ParameterSymbol> = []
    private var uuidsByName: [String: Set<ParameterUUID>] = [:]

    init() {}

    mutating func add(_ symbol: ParameterSymbol) {
        guard seen.insert(symbol).inserted else { return }
        symbols.append(symbol)
        uuidsByName[symbol.name, default: []].insert(symbol.uuid)
    }

    /// Whether two different symbols share this name (then values name their UUIDs).
    func isAmbiguous(_ name: String) -> Bool { (uuidsByName[name]?.count ?? 0) > 1 }

    /// The symbols with this name.
    func symbols(named name: String) -> [ParameterSymbol] { symbols.filter { $0.name == name } }

    /// A UUID derived from a name, for parameters written by hand without one: the same name
    /// always gives the same UUID (FNV-1a over the name, RFC 4122 variant bits, version 8).
    static func derivedUUID(for name: String) -> ParameterUUID {
        var high: UInt64 = 0xCBF2_9CE4_8422_2325
        var low: UInt64 = 0x8422_2325_CBF2_9CE4
        for byte in Array("qpyconv:".utf8) + Array(name.utf8) {
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 ^ high.rotated(13)
        }
        high = (high & ~0xF000) | 0x8000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return ParameterUUID(high: high, low: low)
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
        case 0: return .parameter(Parameter(name: name, uuid: Self.derivedUUID(for: name)))
        case 1: return candidates[0]
        default: throw node.error("several parameters are named \"\(name)\"; say which with \"uuids\": {\"\(name)\": \"<uuid>\"}")
        }
    }
}

extension UInt64 {
    fileprivate func rotated(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
