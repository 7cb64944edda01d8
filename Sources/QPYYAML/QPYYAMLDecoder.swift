import QPYDiagnostics
import QPYJSON
import QPYModel
import Yams

/// A qpyconv YAML document back to a file: libyaml (through Yams) parses the text into nodes
/// with marks, the nodes become the JSON document tree with byte offsets, and the JSON decoder
/// maps that to the model, so every error names a line:column of the YAML text.
struct QPYYAMLDecoder {
    let options: YAMLDecodingOptions

    func decode(_ text: String) throws(YAMLDecodingError) -> QPYFile {
        let bytes = Array(text.utf8)
        let lines = LineTable(utf8: bytes)
        let offsets = MarkOffsets(bytes)
        let root: Node
        do {
            guard let parsed = try Parser(yaml: text).singleRoot() else {
                throw YAMLDecodingError("the YAML text holds no document", location: lines.location(of: 0), pointer: "")
            }
            root = parsed
        } catch {
            if let error = error as? YAMLDecodingError { throw error }
            throw Self.syntaxError(error, lines: lines, offsets: offsets)
        }
        let document = try TreeBuilder(lines: lines, offsets: offsets, maximumDepth: options.maximumDepth).value(root, path: .root, depth: 0)
        do {
            return try QPYFile(jsonDocument: document, lines: lines)
        } catch {
            throw YAMLDecodingError(error.message, location: error.location, pointer: error.pointer)
        }
    }

    /// A libyaml/Yams error as a located ``YAMLDecodingError``.
    static func syntaxError(_ error: any Error, lines: LineTable, offsets: MarkOffsets) -> YAMLDecodingError {
        func located(_ message: String, _ mark: Mark) -> YAMLDecodingError {
            YAMLDecodingError(message, location: lines.location(of: offsets.offset(of: mark)), pointer: "")
        }
        /// `while parsing a flow node (started at 6:12): did not find expected node content`.
        func prefixed(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> String {
            guard let context, !context.text.isEmpty else { return problem }
            let same = context.mark.line == mark.line && context.mark.column == mark.column
            return context.text + (same ? "" : " (started at \(context.mark))") + ": " + problem
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _)?: return located(prefixed(context, problem, mark), mark)
        case .parser(let context, let problem, let mark, _)?: return located(prefixed(context, problem, mark), mark)
        case .composer(let context, let problem, let mark, _)?: return located(prefixed(context, problem, mark), mark)
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            return located("duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) in a mapping", context.mark)
        case .reader(let problem, let offset, _, _)?:
            return YAMLDecodingError(problem, location: lines.location(of: offset ?? 0), pointer: "")
        default:
            return YAMLDecodingError("\(error)", location: lines.location(of: 0), pointer: "")
        }
    }
}

/// Byte offsets of libyaml marks (1-based line, column counted in Unicode scalars).
struct MarkOffsets {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
    }

    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Whether the quoted scalar at `offset` starts with U+FEFF, raw or escaped (`\uFEFF`, `\U0000FEFF`).
    func startsWithBOM(quotedAt offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        let rest = bytes[(offset + 1)...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
        guard bytes[offset] == UInt8(ascii: "\""), rest.first == UInt8(ascii: "\\") else { return false }
        let escape = String(decoding: rest.dropFirst().prefix(9), as: UTF8.self).lowercased()
        return escape.hasPrefix("ufeff") || escape.hasPrefix("u0000feff")
    }

    func offset(of mark: Mark) -> Int {
        guard mark.line >= 1 else { return 0 }
        guard mark.line <= lineStarts.count else { return bytes.count }
        var index = lineStarts[mark.line - 1]
        var column = 1
        while column < mark.column, index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }
}

/// Yams nodes to the located JSON document tree.
private struct TreeBuilder {
    let lines: LineTable
    let offsets: MarkOffsets
    let maximumDepth: Int

    func error(_ message: String, _ node: Node, _ path: JSONPointerPath) -> YAMLDecodingError {
        YAMLDecodingError(message, location: lines.location(of: offset(node)), pointer: path.pointer)
    }

    func offset(_ node: Node) -> Int { node.mark.map(offsets.offset(of:)) ?? 0 }

    func value(_ node: Node, path: JSONPointerPath, depth: Int) throws(YAMLDecodingError) -> LocatedJSON {
        guard depth <= maximumDepth else { throw error("the document nests deeper than \(maximumDepth) levels", node, path) }
        let start = offset(node)
        // Yams resolves aliases to their anchored node and keeps no anchor, so look at the source:
        // a node with an anchor starts with `&`. Refusing anchors refuses every alias, before
        // any expansion.
        if offsets.byte(at: start) == UInt8(ascii: "&") {
            throw error("YAML anchors and aliases are not supported in qpyconv documents", node, path)
        }
        switch node {
        case .scalar(let scalar):
            return LocatedJSON(kind: try self.scalar(restoringBOM(scalar, at: start), node, path), offset: start)
        case .sequence(let sequence):
            try requireTag(sequence.tag, .seq, "a sequence", node, path)
            var items: [LocatedJSON] = []
            for (index, item) in sequence.enumerated() {
                items.append(try value(item, path: .element(path, index), depth: depth + 1))
            }
            return LocatedJSON(kind: .array(items), offset: start)
        case .mapping(let mapping):
            try requireTag(mapping.tag, .map, "a mapping", node, path)
            var members: [LocatedJSON.Member] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode, offsets.byte(at: offset(keyNode)) != UInt8(ascii: "&") else {
                    throw error("mapping keys must be strings", keyNode, path)
                }
                let key = restoringBOM(keyScalar, at: offset(keyNode))
                members.append(LocatedJSON.Member(key: key.string, value: try value(valueNode, path: .member(path, key.string), depth: depth + 1)))
            }
            return LocatedJSON(kind: .object(members), offset: start)
        case .alias:
            throw error("YAML anchors and aliases are not supported in qpyconv documents", node, path)
        }
    }

    /// Yams builds scalar strings with Foundation's UTF-8 decoding, which drops one leading
    /// U+FEFF; put it back when the quoted scalar in the source starts with one.
    private func restoringBOM(_ scalar: Node.Scalar, at offset: Int) -> Node.Scalar {
        guard scalar.style == .doubleQuoted || scalar.style == .singleQuoted, offsets.startsWithBOM(quotedAt: offset) else { return scalar }
        var restored = scalar
        restored.string = "\u{FEFF}" + scalar.string
        return restored
    }

    private func requireTag(_ tag: Tag, _ expected: Tag.Name, _ what: String, _ node: Node, _ path: JSONPointerPath) throws(YAMLDecodingError) {
        let name = Tag.Name(rawValue: tag.rawValue)
        guard name == .implicit || name == expected || name == .nonSpecific else {
            throw error("the tag \(tag.rawValue) is not allowed on \(what)", node, path)
        }
    }

    private func scalar(_ scalar: Node.Scalar, _ node: Node, _ path: JSONPointerPath) throws(YAMLDecodingError) -> LocatedJSON.Kind {
        let text = scalar.string
        let plain = YAMLScalars.resolve(text)
        switch Tag.Name(rawValue: scalar.tag.rawValue) {
        case .str, .nonSpecific:
            return .string(text)
        case .implicit where scalar.style != .plain:
            return .string(text)
        case .implicit:
            break
        case .null where plain == .null, .bool where { if case .bool = plain { return true }; return false }():
            break
        case .int where { if case .number(let literal) = plain { return !literal.contains(where: { ".eE".contains($0) }) }; return false }():
            break
        case .float where { if case .number = plain { return true }; return false }():
            break
        default:
            throw error("the tag \(scalar.tag.rawValue) does not fit \"\(text)\" (qpyconv documents use JSON values)", node, path)
        }
        switch plain {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let literal): return .number(JSONNumberText(literal))
        case .string: return .string(text)
        case .unsupportedNumber:
            throw error("the number \(text) has no JSON spelling; write it in decimal (e.g. 16, 0.5), or quote it if it is a string", node, path)
        }
    }
}
