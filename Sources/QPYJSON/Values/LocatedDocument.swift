import QPYDiagnostics
import QPYModel

/// The parsed document every ``JSONNode`` of one decoding belongs to: its root, and its text's
/// line table. A node's JSON Pointer is found from here when an error needs it (by the node's
/// offset), so that stepping into a member or an element allocates nothing.
final class LocatedDocument {
    let root: LocatedJSON
    let lines: LazyLineTable

    init(root: LocatedJSON, lines: LazyLineTable) {
        self.root = root
        self.lines = lines
    }

    /// The JSON Pointer of the value that starts at `offset`: found by descending into the
    /// member or element that starts last at or before it (values start after their
    /// container's first character, in document order); failing that (a YAML alias repeats a
    /// value's offset elsewhere), by a search in document order. `""` if no value starts there.
    func pointer(toValueAt offset: Int) -> String {
        var path = JSONPointerPath.root
        var node = root
        while node.offset != offset {
            switch node.kind {
            case .array(let items):
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
            case .array(let items):
                for (index, item) in items.enumerated() {
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
