import QPYDiagnostics
import QPYModel

/// A located JSON value of a document, and typed accessors that throw ``JSONDecodingError``
/// naming line:column and JSON Pointer.
struct JSONNode {
    let json: LocatedJSON
    let document: LocatedDocument

    init(json: LocatedJSON, document: LocatedDocument) {
        self.json = json
        self.document = document
    }

    /// The node's JSON Pointer (`/programs/0/body`), found only when asked for (for a message).
    var pointer: String { document.pointer(toValueAt: json.offset) }

    func error(_ message: String) -> JSONDecodingError {
        JSONDecodingError(message, location: document.lines.table.location(of: json.offset), pointer: pointer)
    }

    private func child(_ value: LocatedJSON) -> JSONNode {
        JSONNode(json: value, document: document)
    }

    var isNull: Bool { if case .null = json.kind { return true }; return false }

    /// The members of an object.
    func object(_ what: String) throws(JSONDecodingError) -> [(String, JSONNode)] {
        guard case .object(let members) = json.kind else { throw error("expected \(what) (a JSON object)") }
        return members.map { ($0.key, child($0.value)) }
    }

    /// A member of an object, or `nil` when absent.
    func optional(_ key: String) throws(JSONDecodingError) -> JSONNode? {
        guard case .object(let members) = json.kind else { throw error("expected a JSON object") }
        return members.first(where: { $0.key == key }).map { child($0.value) }
    }

    /// A required member of an object.
    func member(_ key: String) throws(JSONDecodingError) -> JSONNode {
        guard let node = try optional(key) else { throw error("missing \"\(key)\"") }
        return node
    }

    /// Rejects members other than `allowed` (a short list: scanning it costs less than hashing
    /// the key, and no node is made unless one is rejected).
    func requireOnly(_ allowed: [String], in what: String) throws(JSONDecodingError) {
        guard case .object(let members) = json.kind else { throw error("expected \(what) (a JSON object)") }
        for member in members where !allowed.contains(member.key) {
            throw child(member.value).error("unknown member \"\(member.key)\" in \(what)")
        }
    }

    func array(_ what: String) throws(JSONDecodingError) -> [JSONNode] {
        guard case .array = json.kind else { throw error("expected \(what) (a JSON array)") }
        return document.items(json).map(child)
    }

    /// The elements of an array, one at a time: an array the parser did not keep (a program's
    /// instructions) is read element by element, so that only one element's tree exists at a
    /// time. `count` is told the number of elements first.
    func forEachElement(_ what: String, count: (Int) -> Void = { _ in },
                        _ body: (JSONNode) throws(JSONDecodingError) -> Void) throws(JSONDecodingError) {
        guard case .array(let items) = json.kind else { throw error("expected \(what) (a JSON array)") }
        if let deferred = document.deferredArray(json) {
            count(deferred.count)
            try document.forEachElement(of: deferred) { (element) throws(JSONDecodingError) in try body(child(element)) }
        } else {
            count(items.count)
            for item in items { try body(child(item)) }
        }
    }

    /// Element `index` of an array node (which must be one).
    func element(_ index: Int) -> JSONNode {
        guard case .array(let items) = json.kind else { preconditionFailure("element(_:) of a value that is not an array") }
        return child(items[index])
    }

    func string(_ what: String) throws(JSONDecodingError) -> String {
        guard case .string(let text) = json.kind else { throw error("expected \(what) (a string)") }
        return text
    }

    func optionalString(_ what: String) throws(JSONDecodingError) -> String? {
        isNull ? nil : try string(what)
    }

    func bool(_ what: String) throws(JSONDecodingError) -> Bool {
        guard case .bool(let flag) = json.kind else { throw error("expected \(what) (true or false)") }
        return flag
    }

    /// A number's literal text.
    func number(_ what: String) throws(JSONDecodingError) -> String {
        guard case .number(let number) = json.kind else { throw error("expected \(what) (a number)") }
        return number.text
    }

    func integer<T: FixedWidthInteger>(_ what: String, as type: T.Type = Int.self) throws(JSONDecodingError) -> T {
        let text = try number(what)
        guard let value = T(text) else { throw error("expected \(what) (an integer in range)") }
        return value
    }

    func double(_ what: String) throws(JSONDecodingError) -> Double {
        guard case .number(let number) = json.kind else { throw error("expected \(what) (a number)") }
        guard let value = number.double else { throw error("expected \(what) (a number)") }
        return value
    }
}
