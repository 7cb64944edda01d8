/// Parsing a document without keeping its large arrays: an array at a chosen place (a program's
/// instruction list) is checked like any other value, element by element, but not kept; it
/// stands in the tree as an empty array, and ``JSONText/forEachElement(ofDeferred:in:maximumDepth:_:)``
/// reads its elements again one at a time for a decoder that turns each into its model and
/// lets it go. The document's tree then never holds every instruction at once.
extension JSONText {
    /// A place in a document, from the root: member names, and `nil` for any element of an array.
    public typealias PathPattern = [String?]

    /// An array that was checked but not kept: where it starts and what it held.
    public struct DeferredArray: Sendable {
        /// The offset of its `[`.
        public var offset: Int
        /// The number of elements.
        public var count: Int
        /// The nesting depth inside the array (for reading its elements under the same limit).
        var depth: Int
        /// The long arrays inside it (see ``CheckedArray``), by the offset of their `[`.
        var longArrays: [Int: CheckedArray] = [:]
    }

    /// An array of at least ``minimumLength`` bytes inside a deferred array, as the first reading
    /// found it: the second reading, skipping it, moves to its end at once.
    struct CheckedArray: Sendable {
        /// Shorter arrays are not recorded (matching their brackets again costs less than the entry).
        static let minimumLength = 4096
        /// The offset just past its `]`.
        var end: Int
        /// The number of elements.
        var count: Int
    }

    /// ``parseLocated(_:maximumDepth:)``, except that arrays at the places `deferring` names are
    /// checked (with the same errors) but not kept: each stands in the tree as an empty array at
    /// its offset, and is listed, by that offset, in the second result.
    public static func parseLocated(_ bytes: [UInt8], maximumDepth: Int = 200,
                                    deferring patterns: [PathPattern]) throws(SyntaxError) -> (LocatedJSON, [Int: DeferredArray]) {
        var parser = Parser(bytes: bytes, maximumDepth: maximumDepth)
        parser.deferral = ArrayDeferral(patterns: patterns)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return (value, parser.deferral!.deferred)
    }

    /// Calls `body` with each element of the deferred array `array` of `bytes` (the text it was
    /// parsed from), parsed again one at a time, in order.
    public static func forEachElement<Failure: Error>(ofDeferred array: DeferredArray, in bytes: [UInt8], maximumDepth: Int,
                                                      _ body: (LocatedJSON) throws(Failure) -> Void) throws(Failure) {
        try forEachElement(ofDeferred: array, in: bytes, maximumDepth: maximumDepth, skipping: []) {
            (element, _) throws(Failure) in try body(element)
        }
    }

    /// ``forEachElement(ofDeferred:in:maximumDepth:_:)``, except that arrays at the places
    /// `patterns` names inside each element (paths from the element, such as `["pulse",
    /// "waveform"]`) are not parsed again: they were checked by the first reading, so they are
    /// only skipped (brackets matched, elements counted), stand in the element's tree as empty
    /// arrays, and are handed to `body` with it, by offset, as deferred arrays of their own.
    public static func forEachElement<Failure: Error>(ofDeferred array: DeferredArray, in bytes: [UInt8], maximumDepth: Int,
                                                      skipping patterns: [PathPattern],
                                                      _ body: (LocatedJSON, [Int: DeferredArray]) throws(Failure) -> Void) throws(Failure) {
        var parser = Parser(bytes: bytes, maximumDepth: maximumDepth)
        parser.position = array.offset + 1
        parser.depth = array.depth
        for index in 0..<array.count {
            parser.skipWhitespace()
            if index > 0 {
                // The ',' checked by the first reading.
                parser.position += 1
                parser.skipWhitespace()
            }
            if !patterns.isEmpty {
                parser.deferral = ArrayDeferral(patterns: patterns, skipsChecked: true)
                parser.deferral!.longArrays = array.longArrays
            }
            let element: LocatedJSON
            do {
                element = try parser.parseValue()
            } catch {
                preconditionFailure("a deferred array's element no longer parses: \(error)")
            }
            try body(element, parser.deferral?.deferred ?? [:])
        }
    }

    /// Calls `body` with each element of a deferred array whose elements are all `[number,
    /// number]` (a waveform's samples), read straight from the text without a tree: the
    /// numbers as `Double(text)` reads them (see ``DoubleParsing``). Returns false, having
    /// called `body` for none or some of them, as soon as an element is anything else
    /// (`NaN`, `Infinity` and `-Infinity` included): the caller then reads the array as a tree.
    public static func forEachNumberPair(ofDeferred array: DeferredArray, in bytes: [UInt8],
                                         _ body: (Double, Double) -> Void) -> Bool {
        bytes.withUnsafeBufferPointer { text in
            var position = array.offset + 1
            func skipWhitespace() {
                while position < text.count {
                    let byte = text[position]
                    guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                    position += 1
                }
            }
            func expect(_ byte: UInt8) -> Bool {
                skipWhitespace()
                guard position < text.count, text[position] == byte else { return false }
                position += 1
                return true
            }
            /// A plain number (digits, sign, point, exponent; the first reading checked its form).
            func number() -> Double? {
                skipWhitespace()
                let start = position
                guard position < text.count, text[position] == UInt8(ascii: "-") || (text[position] >= 0x30 && text[position] <= 0x39) else {
                    return nil
                }
                position += 1
                while position < text.count {
                    let byte = text[position]
                    guard (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
                            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") else { break }
                    position += 1
                }
                return DoubleParsing.double(UnsafeBufferPointer(rebasing: text[start..<position]))
            }
            for index in 0..<array.count {
                if index > 0, !expect(UInt8(ascii: ",")) { return false }
                guard expect(UInt8(ascii: "[")), let first = number(), expect(UInt8(ascii: ",")), let second = number(),
                      expect(UInt8(ascii: "]")) else { return false }
                body(first, second)
            }
            return expect(UInt8(ascii: "]"))
        }
    }
}

/// The state of a parse that defers arrays (see ``JSONText/parseLocated(_:maximumDepth:deferring:)``).
struct ArrayDeferral {
    let patterns: [JSONText.PathPattern]
    /// The longest pattern: the path is followed only this deep.
    let followedDepth: Int
    /// The path to the value being parsed (member names; `nil` for array elements), while it is
    /// at most ``followedDepth`` steps long.
    var path: [String?] = []
    /// How far the parse is below the followed path (0 while on it).
    var below = 0
    /// Whether the parse is inside a deferred array (whose contents are checked, not deferred).
    var insideDeferred = false
    var deferred: [Int: JSONText.DeferredArray] = [:]
    /// The long arrays checked inside the deferred array being read (the first reading), or
    /// those of the deferred array whose element is read again (the second).
    var longArrays: [Int: JSONText.CheckedArray] = [:]
    /// Whether the text was checked already (a deferred array's element read again): deferred
    /// arrays are then skipped without checking their contents.
    let skipsChecked: Bool

    init(patterns: [JSONText.PathPattern], skipsChecked: Bool = false) {
        self.patterns = patterns
        self.skipsChecked = skipsChecked
        followedDepth = patterns.map(\.count).max() ?? 0
    }

    /// Enters the step `step`: whether the value there is to be deferred (if it is an array).
    mutating func enter(_ step: String?) -> Bool {
        guard below == 0, !insideDeferred, path.count < followedDepth else {
            below += 1
            return false
        }
        path.append(step)
        return patterns.contains { pattern in
            pattern.count == path.count && zip(pattern, path).allSatisfy { expected, actual in expected == nil || expected == actual }
        }
    }

    mutating func leave() {
        if below > 0 { below -= 1 } else { path.removeLast() }
    }
}

extension JSONText.Parser {
    /// An object member's value, deferred if it is an array at a deferred place.
    mutating func parseMemberValue(key: String) throws(JSONText.SyntaxError) -> LocatedJSON {
        let defer_ = deferral!.enter(key)
        defer { deferral!.leave() }
        return defer_ ? try parseDeferrable() : try parseValue()
    }

    /// An array element (the path steps into it).
    mutating func parseElementValue() throws(JSONText.SyntaxError) -> LocatedJSON {
        let defer_ = deferral!.enter(nil)
        defer { deferral!.leave() }
        return defer_ ? try parseDeferrable() : try parseValue()
    }

    /// The value here: if it is an array, checked element by element and recorded, and an empty
    /// array in its place.
    private mutating func parseDeferrable() throws(JSONText.SyntaxError) -> LocatedJSON {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return try parseValue() }
        let start = position
        try enter()
        defer { depth -= 1 }
        let elementDepth = depth
        if deferral!.skipsChecked {
            let count: Int
            if let known = deferral!.longArrays[start] {
                position = known.end
                count = known.count
            } else {
                count = skipCheckedArray()
            }
            deferral!.deferred[start] = JSONText.DeferredArray(offset: start, count: count, depth: elementDepth)
            return LocatedJSON(kind: .array([]), offset: start)
        }
        deferral!.insideDeferred = true
        discarding = true
        defer {
            deferral!.insideDeferred = false
            discarding = false
        }
        var count = 0
        try parseElements { (parser) throws(JSONText.SyntaxError) in
            _ = try parser.parseValue()
            count += 1
        }
        deferral!.deferred[start] = JSONText.DeferredArray(offset: start, count: count, depth: elementDepth,
                                                           longArrays: deferral!.longArrays)
        deferral!.longArrays = [:]
        return LocatedJSON(kind: .array([]), offset: start)
    }

    /// Moves past the array here, which an earlier reading checked, matching brackets outside
    /// strings; returns its number of elements (its commas outside nested values, plus one,
    /// unless it is empty).
    private mutating func skipCheckedArray() -> Int {
        let start = position
        let (end, count) = bytes.withUnsafeBufferPointer { text in
            Self.bracketClasses.withUnsafeBufferPointer { classes in Self.skipChecked(text, arrayAt: start, classes: classes) }
        }
        position = end
        return count
    }

    /// What each byte means to ``skipChecked(_:arrayAt:classes:)``: 0 nothing (digits, letters,
    /// signs, points, whitespace: most of a sample list), 1 a quote, 2 an opening bracket or
    /// brace, 3 a closing one, 4 a comma.
    private static let bracketClasses: [UInt8] = {
        var classes = [UInt8](repeating: 0, count: 256)
        classes[Int(UInt8(ascii: "\""))] = 1
        classes[Int(UInt8(ascii: "["))] = 2
        classes[Int(UInt8(ascii: "{"))] = 2
        classes[Int(UInt8(ascii: "]"))] = 3
        classes[Int(UInt8(ascii: "}"))] = 3
        classes[Int(UInt8(ascii: ","))] = 4
        return classes
    }()

    /// The offset just past the checked array whose `[` is at `start`, and its element count.
    private static func skipChecked(_ text: UnsafeBufferPointer<UInt8>, arrayAt start: Int,
                                    classes: UnsafeBufferPointer<UInt8>) -> (end: Int, count: Int) {
        var index = start + 1
        while index < text.count, isWhitespace(text[index]) { index += 1 }
        if index < text.count, text[index] == UInt8(ascii: "]") { return (index + 1, 0) }
        var nesting = 1
        var commas = 0
        while index < text.count {
            let kind = classes[Int(text[index])]
            index += 1
            switch kind {
            case 0:
                continue
            case 1:
                while index < text.count {
                    let byte = text[index]
                    index += 1
                    if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { break }
                }
            case 2:
                nesting += 1
            case 3:
                nesting -= 1
                if nesting == 0 { return (index, commas + 1) }
            default:
                if nesting == 1 { commas += 1 }
            }
        }
        preconditionFailure("a checked array no longer ends")
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
