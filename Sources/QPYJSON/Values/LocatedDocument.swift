import QPYDiagnostics
import QPYModel

/// The parsed document every ``JSONNode`` of one decoding belongs to: its root, and its text's
/// line table. A node's JSON Pointer is found from here when an error needs it (by the node's
/// offset), so that stepping into a member or an element allocates nothing.
final class LocatedDocument {
    let root: LocatedJSON
    let lines: LazyLineTable
    /// The text the tree was parsed from, and its arrays checked but not kept (by offset),
    /// read again element by element (``forEachElement(of:_:)``).
    private let text: [UInt8]
    /// Arrays checked but not kept: those of the first reading, and waveform sample lists met
    /// while a deferred array's elements are read again (see ``forEachElement(of:_:)``).
    private var deferred: [Int: JSONText.DeferredArray]
    private let maximumDepth: Int

    init(root: LocatedJSON, lines: LazyLineTable, text: [UInt8] = [], deferred: [Int: JSONText.DeferredArray] = [:],
         maximumDepth: Int = 200) {
        self.root = root
        self.lines = lines
        self.text = text
        self.deferred = deferred
        self.maximumDepth = maximumDepth
    }

    /// The deferred array `value` stands for, if it stands for one (an empty array in the tree).
    func deferredArray(_ value: LocatedJSON) -> JSONText.DeferredArray? {
        guard !deferred.isEmpty, case .array(let items) = value.kind, items.isEmpty else { return nil }
        return deferred[value.offset]
    }

    /// Calls `body` with each element of a deferred array, read one at a time. A pulse's
    /// waveform samples inside an element (`pulse` › `waveform`) are skipped, not read again, and
    /// stand in the element as a deferred array of their own, for ``forEachSample(of:_:)``.
    func forEachElement<Failure: Error>(of array: JSONText.DeferredArray, _ body: (LocatedJSON) throws(Failure) -> Void) throws(Failure) {
        try JSONText.forEachElement(ofDeferred: array, in: text, maximumDepth: maximumDepth,
                                    skipping: Self.skippedPlaces) { (element, skipped) throws(Failure) in
            if !skipped.isEmpty { deferred.merge(skipped) { _, new in new } }
            try body(element)
        }
    }

    /// Where in a deferred array's element a waveform's samples are.
    private static let skippedPlaces: [JSONText.PathPattern] = [["pulse", "waveform"]]

    /// Calls `body` with each `[re, im]` of a deferred array of number pairs, read straight
    /// from the text; false (after none or some calls) if an element is anything else.
    func forEachSample(of array: JSONText.DeferredArray, _ body: (Double, Double) -> Void) -> Bool {
        JSONText.forEachNumberPair(ofDeferred: array, in: text, body)
    }

    /// The elements of the array `value`: its items, or a deferred array's elements read again.
    func items(_ value: LocatedJSON) -> [LocatedJSON] {
        if let array = deferredArray(value) {
            var items: [LocatedJSON] = []
            forEachElement(of: array) { items.append($0) }
            return items
        }
        if case .array(let items) = value.kind { return items }
        return []
    }

    /// The JSON Pointer of the value that starts at `offset`: found by descending into the
    /// member or element that starts last at or before it (values start after their
    /// container's first character, in document order); failing that (a tree handed to
    /// `QPYFile(jsonDocument:lines:)` need not keep its offsets in document order, and YAML
    /// offsets come from libyaml's marks), by a search in document order. `""` if no value
    /// starts there.
    func pointer(toValueAt offset: Int) -> String {
        var path = JSONPointerPath.root
        var node = root
        while node.offset != offset {
            switch node.kind {
            case .array:
                let items = items(node)
                guard let index = items.lastIndex(where: { $0.offset <= offset }) else { return search(offset) }
                path = .element(path, index)
                node = items[index]
            case .object(let members):
                guard let index = members.lastIndex(where: { $0.value.offset <= offset }) else { return search(offset) }
                path = .member(path, members[index].key)
                node = members[index].value
            default:
                return search(offset)
            }
        }
        return path.pointer
    }

    private func search(_ offset: Int) -> String {
        func find(_ node: LocatedJSON, _ path: JSONPointerPath) -> JSONPointerPath? {
            if node.offset == offset { return path }
            switch node.kind {
            case .array:
                for (index, item) in items(node).enumerated() {
                    if let found = find(item, .element(path, index)) { return found }
                }
            case .object(let members):
                for member in members {
                    if let found = find(member.value, .member(path, member.key)) { return found }
                }
            default:
                break
            }
            return nil
        }
        return find(root, .root)?.pointer ?? ""
    }
}
