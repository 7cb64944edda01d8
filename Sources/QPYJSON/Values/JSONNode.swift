import QPYDiagnostics
import QPYModel

/// A located JSON value with its JSON Pointer, and typed accessors that throw
/// ``JSONDecodingError`` naming line:column and pointer.
struct JSONNode {
    let json: LocatedJSON
    let pointer: String
    let lines: LineTable

    func error(_ message: String) -> JSONDecodingError {
        JSONDecodingError(message, location: lines.location(of: json.offset), pointer: pointer)
    }

    private func child(_ value: LocatedJSON, _ step: String) -> JSONNode {
        let escaped = step.replacingAll("~", with: "~0").replacingAll("/", with: "~1")
        return JSONNode(json: value, pointer: pointer + "/" + escaped, lines: lines)
    }

    var isNull: Bool { if case .null = json.kind { return true }; return false }

    /// The members of an object.
    func object(_ what: String) throws(JSONDecodingError) -> [(String, JSONNode)] {
        guard case .object(let members) = json.kind else { throw error("expected \(what) (a JSON object)") }
        return members.map { ($0.key, child($0.value, $0.key)) }
    }

    /// A member of an object, or `nil` when absent.
    func optional(_ key: String) throws(JSONDecodingError) -> JSONNode? {
        guard case .object(let members) = json.kind else { throw error("expected a JSON object") }
        return members.first(where: { $0.key == key }).map { child($0.value, key) }
    }

    /// A required member of an object.
    func member(_ key: String) throws(JSONDecodingError) -> JSONNode {
        guard let node = try optional(key) else { throw error("missing \"\(key)\"") }
        return node
    }

    /// Rejects members other than `allowed`.
    func requireOnly(_ allowed: Set<String>, in what: String) throws(JSONDecodingError) {
        for (key, node) in try object(what) where !allowed.contains(key) {
            throw node.error("unknown member \"\(key)\" in \(what)")
        }
    }

    func array(_ what: String) throws(JSONDecodingError) -> [JSONNode] {
        guard case .array(let items) = json.kind else { throw error("expected \(what) (a JSON array)") }
        return items.enumerated().map { child($0.element, String($0.offset)) }
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
        guard case .number(let text) = json.kind else { throw error("expected \(what) (a number)") }
        return text
    }

    func integer<T: FixedWidthInteger>(_ what: String, as type: T.Type = Int.self) throws(JSONDecodingError) -> T {
        let text = try number(what)
        guard let value = T(text) else { throw error("expected \(what) (an integer in range)") }
        return value
    }

    func double(_ what: String) throws(JSONDecodingError) -> Double {
        let text = try number(what)
        guard let value = Double(text) else { throw error("expected \(what) (a number)") }
        return value
    }
}

extension String {
    /// The string with every occurrence of `target` replaced.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    /// The pieces between occurrences of `separator`.
    func components(separatedBy separator: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var rest = Substring(self)
        while !rest.isEmpty {
            if rest.hasPrefix(separator) {
                pieces.append(current)
                current = ""
                rest = rest.dropFirst(separator.count)
            } else {
                current.append(rest.removeFirst())
            }
        }
        pieces.append(current)
        return pieces
    }
}
