import QPYDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes JSON text as ``JSONValue``, keeping object member order and number spelling.
///
/// Two output styles: ``Style/python`` is byte-for-byte what Python's
/// `json.dumps(value, separators=(",", ":"))` writes (QPY metadata), ``Style/pretty`` is indented,
/// UTF-8, one member per line.
public enum JSONText {
    /// How to write JSON.
    public enum Style: Sendable {
        /// Compact, non-ASCII escaped as `\uXXXX` (Python's default `ensure_ascii=True`).
        case python
        /// Indented by `indent` spaces, UTF-8 kept, `": "` after keys.
        case pretty(indent: Int)
    }

    /// A JSON syntax error, located by byte offset (and line:column on rendering).
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var location: SourceLocation

        public var description: String { TextDiagnostic.renderLine(message: message, at: location) }
    }

    /// Parses JSON text. Accepts Python's `NaN`, `Infinity` and `-Infinity` number tokens.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = 200) throws(SyntaxError) -> JSONValue {
        try parseLocated(bytes, maximumDepth: maximumDepth).value
    }

    /// Parses JSON text, keeping the byte offset of every value.
    public static func parseLocated(_ bytes: [UInt8], maximumDepth: Int = 200) throws(SyntaxError) -> LocatedJSON {
        var parser = Parser(bytes: bytes, maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Serializes `value` in `style` (pretty output puts short arrays of scalars on one line).
    public static func serialize(_ value: JSONValue, style: Style) -> String {
        String(decoding: serializeUTF8(value, style: style), as: UTF8.self)
    }

    /// ``serialize(_:style:)`` as UTF-8 bytes (written directly, without an intermediate `String`).
    public static func serializeUTF8(_ value: JSONValue, style: Style, capacity: Int = 0) -> [UInt8] {
        var writer = Writer(style: style)
        writer.out.reserveCapacity(capacity)
        writer.write(value, level: 0)
        return writer.out
    }

    /// Serializes a document whose large parts are produced one element at a time (see
    /// ``JSONStream``), so that the whole document never exists as one tree.
    public static func serializeUTF8(_ value: JSONStream, style: Style, capacity: Int = 0) -> [UInt8] {
        var writer = Writer(style: style)
        writer.out.reserveCapacity(capacity)
        writer.write(value, level: 0)
        return writer.out
    }

    /// ``serializeUTF8(_:style:capacity:)-(JSONStream,_,_)`` handing the bytes to `emit` in
    /// pieces of about `chunkSize` bytes or more as they are written (cut only between the
    /// elements of streamed arrays): together the same bytes, never held in one buffer. A piece
    /// is valid only during the call.
    public static func serializeUTF8(_ value: JSONStream, style: Style, chunkSize: Int,
                                     emit: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var writer = Writer(style: style)
        writer.out.reserveCapacity(chunkSize + chunkSize / 4)
        writer.chunkSize = chunkSize
        writer.emit = emit
        writer.write(value, level: 0)
        writer.flush()
    }

    /// Writes JSON as UTF-8 bytes.
    ///
    /// Pretty output puts an array or object on one line when that line has at most `limit`
    /// characters (grapheme clusters, as `String.count` counts them). The one-line form is written
    /// in place and taken back if it grows too long; while it holds only ASCII its byte count is its
    /// length, and otherwise its ASCII bytes are a lower bound (a cluster holds at most one ASCII
    /// character once control characters are escaped), so the attempt stops as soon as it is
    /// certainly too long, and is measured exactly only when it might fit.
    private struct Writer {
        var out: [UInt8] = []
        let pretty: Bool
        let indent: Int
        let asciiOnly: Bool
        /// During a one-line attempt: ASCII bytes counted so far, and how far `out` was scanned.
        private var asciiCount = 0
        private var scanned = 0

        let style: Style
        /// Where full chunks go (see ``JSONText/serializeUTF8(_:style:chunkSize:emit:)``);
        /// `nil`: everything stays in `out`.
        var emit: ((UnsafeBufferPointer<UInt8>) -> Void)?
        var chunkSize = Int.max

        /// Indentation, copied from here.
        private let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

        init(style: Style) {
            self.style = style
            switch style {
            case .python: pretty = false; indent = 0; asciiOnly = true
            case .pretty(let width): pretty = true; indent = width; asciiOnly = false
            }
        }

        mutating func write(_ value: JSONValue, level: Int) {
            switch value {
            case .null: append("null")
            case .bool(let flag): append(flag ? "true" : "false")
            case .number(let text): out.append(contentsOf: text.utf8)
            case .string(let text): JSONText.writeString(text, asciiOnly: asciiOnly, into: &out)
            case .array(let items):
                if items.isEmpty { append("[]"); return }
                if pretty, writeInline(value, limit: max(40, 96 - indent * level)) { return }
                out.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    newline(level + 1)
                    write(item, level: level + 1)
                }
                newline(level)
                out.append(UInt8(ascii: "]"))
            case .object(let members):
                if members.isEmpty { append("{}"); return }
                if pretty, writeInline(value, limit: max(40, 96 - indent * level)) { return }
                out.append(UInt8(ascii: "{"))
                for (index, member) in members.enumerated() {
                    writeMemberKey(member.key, index: index, level: level)
                    write(member.value, level: level + 1)
                }
                newline(level)
                out.append(UInt8(ascii: "}"))
            }
        }

        /// Hands `out` to ``emit`` and empties it (keeping its capacity), if there is an `emit`.
        mutating func flush() {
            guard let emit, !out.isEmpty else { return }
            out.withUnsafeBufferPointer { emit($0) }
            out.removeAll(keepingCapacity: true)
        }

        /// ``flush()`` once `out` holds a chunk: called only between elements of streamed arrays,
        /// where nothing written so far is taken back.
        @inline(__always)
        mutating func flushIfFull() {
            if out.count >= chunkSize { flush() }
        }

        /// The separator, line break and `"key": ` that precede an object's member `index`.
        mutating func writeMemberKey(_ key: String, index: Int, level: Int) {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            newline(level + 1)
            JSONText.writeString(key, asciiOnly: asciiOnly, into: &out)
            if pretty { append(": ") } else { out.append(UInt8(ascii: ":")) }
        }

        mutating func write(_ value: JSONStream, level: Int) {
            switch value {
            case .value(let plain): write(plain, level: level)
            case .object(let members):
                out.append(UInt8(ascii: "{"))
                for (index, member) in members.enumerated() {
                    writeMemberKey(member.key, index: index, level: level)
                    write(member.value, level: level + 1)
                }
                newline(level)
                out.append(UInt8(ascii: "}"))
            case .array(let count, let element):
                out.append(UInt8(ascii: "["))
                for index in 0..<count {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    newline(level + 1)
                    write(element(index), level: level + 1)
                    flushIfFull()
                }
                newline(level)
                out.append(UInt8(ascii: "]"))
            case .parallelArray(let count, let makeElement):
                writeParallelArray(count: count, makeWriter: {
                    let element = makeElement()
                    return { index, _ in element(index) }
                }, level: level)
            case .parallelTextArray(let count, let makeWriter):
                writeParallelArray(count: count, makeWriter: makeWriter, level: level)
            case .finitePair(let first, let second):
                writeFinitePair(first, second, level: level)
            case .verbatim(let text):
                out.append(contentsOf: text)
            }
        }

        /// `[` elements `]` as ``write(_:level:)-(JSONStream,_)`` writes `.array`, the elements
        /// written in contiguous runs (``ParallelRuns/runs(count:workers:)``) by up to
        /// ``ParallelRuns/workers`` threads into reused buffers, and appended in order by this
        /// thread while the workers write the runs after them (see
        /// ``ParallelRuns/make(_:workers:emptyChunk:_:consume:)``): the same bytes as one thread writes.
        private mutating func writeParallelArray(count: Int, makeWriter: @Sendable () -> (Int, inout [UInt8]) -> JSONStream?,
                                                 level: Int) {
            let workers = count >= ParallelRuns.minimumElements ? ParallelRuns.workers : 1
            out.append(UInt8(ascii: "["))
            if workers == 1 {
                let element = makeWriter()
                writeElements(0..<count, element: element, level: level)
            } else {
                let style = self.style
                // One element writer per worker (each worker is one thread).
                nonisolated(unsafe) let makers = (0..<workers).map { _ in makeWriter() }
                ParallelRuns.make(ParallelRuns.runs(count: count, workers: workers), workers: workers, emptyChunk: [UInt8]()) { worker, run, buffer in
                    buffer.removeAll(keepingCapacity: true)
                    var writer = Writer(style: style)
                    swap(&writer.out, &buffer)
                    writer.writeElements(run, element: makers[worker], level: level)
                    swap(&writer.out, &buffer)
                } consume: { _, buffer in
                    if emit != nil, buffer.count >= chunkSize / 4 {
                        // Handed on as it is, not copied into `out` first.
                        flush()
                        buffer.withUnsafeBufferPointer { emit!($0) }
                    } else {
                        out.append(contentsOf: buffer)
                        flushIfFull()
                    }
                }
            }
            newline(level)
            out.append(UInt8(ascii: "]"))
        }

        /// The elements `range` of an array at `level`, each after its separator and line break.
        private mutating func writeElements(_ range: Range<Int>, element: (Int, inout [UInt8]) -> JSONStream?, level: Int) {
            for index in range {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                if let tree = element(index, &out) { write(tree, level: level + 1) }
                flushIfFull()
            }
        }

        /// `[first, second]` as ``write(_:level:)-(JSONValue,_)`` writes
        /// `.array([.number(first.description), .number(second.description)])`: one line when it
        /// fits (the text is ASCII, so its length is its byte count), else one number per line.
        /// The numbers are written straight into `out` (see ``DoubleDescription``), and laid out
        /// again in the rare case the line is too long.
        private mutating func writeFinitePair(_ first: Double, _ second: Double, level: Int) {
            let pretty = self.pretty
            // Both numbers and the brackets made in one scratch buffer and appended at once.
            let (length, firstEnd, secondStart) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * DoubleDescription.capacity + 4) { scratch in
                let start = scratch.baseAddress!
                start[0] = UInt8(ascii: "[")
                let firstEnd = 1 + DoubleDescription.write(first, into: start + 1)
                start[firstEnd] = UInt8(ascii: ",")
                var secondStart = firstEnd + 1
                if pretty {
                    start[secondStart] = UInt8(ascii: " ")
                    secondStart += 1
                }
                let end = secondStart + DoubleDescription.write(second, into: start + secondStart)
                start[end] = UInt8(ascii: "]")
                out.append(contentsOf: UnsafeBufferPointer(start: start, count: end + 1))
                return (end + 1, firstEnd, secondStart)
            }
            guard pretty, length > max(40, 96 - indent * level) else { return }
            let start = out.count - length
            let firstText = Array(out[(start + 1)..<(start + firstEnd)])
            let secondText = Array(out[(start + secondStart)..<(out.count - 1)])
            out.removeSubrange(start...)
            out.append(UInt8(ascii: "["))
            newline(level + 1)
            out.append(contentsOf: firstText)
            out.append(UInt8(ascii: ","))
            newline(level + 1)
            out.append(contentsOf: secondText)
            newline(level)
            out.append(UInt8(ascii: "]"))
        }

        private mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { out.append(contentsOf: $0) }
        }

        private mutating func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            var count = indent * level
            while count > 0 {
                // Copied in blocks (faster than appending a repeated element).
                let block = min(count, spaces.count)
                spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<block])) }
                count -= block
            }
        }

        /// Writes the one-line form (`{"a": 1, "b": [2, 3]}`) if it fits in `limit` characters;
        /// otherwise writes nothing and returns false.
        private mutating func writeInline(_ value: JSONValue, limit: Int) -> Bool {
            let start = out.count
            asciiCount = 0
            scanned = start
            if emitInline(value, limit: limit), fits(from: start, limit: limit) { return true }
            out.removeSubrange(start...)
            return false
        }

        /// Whether the one-line form written from `start` is at most `limit` characters.
        private mutating func fits(from start: Int, limit: Int) -> Bool {
            countASCII()
            let length = out.count - start
            if length <= limit { return true }
            if asciiCount == length { return false }
            return String(decoding: out[start...], as: UTF8.self).count <= limit
        }

        /// Counts the ASCII bytes written since the last count.
        private mutating func countASCII() {
            let end = out.count
            let from = scanned
            var count = 0
            out.withUnsafeBufferPointer { bytes in
                for index in from..<end where bytes[index] < 0x80 { count += 1 }
            }
            asciiCount += count
            scanned = end
        }

        /// Whether the one-line form is still possibly short enough.
        private mutating func mayFit(_ limit: Int) -> Bool {
            countASCII()
            return asciiCount <= limit
        }

        private mutating func emitInline(_ value: JSONValue, limit: Int) -> Bool {
            switch value {
            case .array(let items):
                out.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { append(", ") }
                    guard emitInline(item, limit: limit) else { return false }
                }
                out.append(UInt8(ascii: "]"))
            case .object(let members):
                out.append(UInt8(ascii: "{"))
                for (index, member) in members.enumerated() {
                    if index > 0 { append(", ") }
                    JSONText.writeString(member.key, asciiOnly: false, into: &out)
                    append(": ")
                    guard emitInline(member.value, limit: limit) else { return false }
                }
                out.append(UInt8(ascii: "}"))
            case .number(let text):
                // ASCII digits, signs, '.', 'e', NaN, Infinity: never a line break.
                out.append(contentsOf: text.utf8)
            default:
                write(value, level: 0)
            }
            return mayFit(limit)
        }
    }

    /// ``writeString(_:asciiOnly:into:)`` appending UTF-8 bytes; runs that need no escaping are
    /// copied whole.
    public static func writeString(_ text: String, asciiOnly: Bool, into out: inout [UInt8]) {
        var text = text
        let written: Bool = text.withUTF8 { utf8 in
            let start = out.count
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte < 0x7F || !asciiOnly {
                    index += 1
                    continue
                }
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                switch byte {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
                case 0..<0x20:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0xF))
                default:
                    // asciiOnly and a byte from 0x7F up: escaped as UTF-16 units, scalar by scalar.
                    out.removeSubrange(start...)
                    return false
                }
                index += 1
                runStart = index
            }
            if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count])) }
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !written {
            var escaped = ""
            writeString(text, asciiOnly: true, into: &escaped)
            out.append(contentsOf: escaped.utf8)
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// A JSON string literal; with `asciiOnly`, every non-ASCII scalar is `\uXXXX` (UTF-16 units).
    public static func writeString(_ text: String, asciiOnly: Bool, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7E) {
                    for unit in String(scalar).utf16 { out += "\\u" + hex4(unit) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// A recursive-descent JSON parser over UTF-8 bytes.
    struct Parser {
        let bytes: [UInt8]
        let maximumDepth: Int
        var position = 0
        var depth = 0
        /// Arrays to check but not keep (see ``JSONText/parseLocated(_:maximumDepth:deferring:)``).
        var deferral: ArrayDeferral?
        /// Whether values are only checked: objects and arrays come back empty.
        var discarding = false

        func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
            let at = offset ?? position
            return SyntaxError(message: message, offset: at, location: LineTable(utf8: bytes).location(of: at))
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                let byte = bytes[position]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                position += 1
            }
        }

        private func startsWith(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count - position >= count else { return false }
            let start = word.utf8Start
            for index in 0..<count where bytes[position + index] != start[index] { return false }
            return true
        }

        mutating func parseValue() throws(SyntaxError) -> LocatedJSON {
            guard position < bytes.count else { throw error("expected a JSON value, found end of input") }
            let start = position
            let kind: LocatedJSON.Kind
            switch bytes[position] {
            case UInt8(ascii: "{"): kind = try parseObject()
            case UInt8(ascii: "["): kind = try parseArray()
            case UInt8(ascii: "\""): kind = .string(try parseString())
            case UInt8(ascii: "t") where startsWith("true"): position += 4; kind = .bool(true)
            case UInt8(ascii: "f") where startsWith("false"): position += 5; kind = .bool(false)
            case UInt8(ascii: "n") where startsWith("null"): position += 4; kind = .null
            case UInt8(ascii: "N") where startsWith("NaN"): position += 3; kind = .number(JSONNumberText(bytes, start..<position))
            case UInt8(ascii: "I") where startsWith("Infinity"): position += 8; kind = .number(JSONNumberText(bytes, start..<position))
            case UInt8(ascii: "-") where startsWith("-Infinity"): position += 9; kind = .number(JSONNumberText(bytes, start..<position))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let end = try parseNumber()
                // A value only checked is dropped: no reference to the text for it.
                kind = discarding ? .null : .number(JSONNumberText(bytes, start..<end))
            default: throw error("expected a JSON value")
            }
            return LocatedJSON(kind: kind, offset: start)
        }

        mutating func enter() throws(SyntaxError) {
            depth += 1
            guard depth <= maximumDepth else { throw error("JSON nested deeper than \(maximumDepth) levels") }
        }

        private mutating func parseObject() throws(SyntaxError) -> LocatedJSON.Kind {
            try enter()
            defer { depth -= 1 }
            position += 1
            var members: [LocatedJSON.Member] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let key = try parseString()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
                position += 1
                skipWhitespace()
                let value = deferral == nil ? try parseValue() : try parseMemberValue(key: key)
                if !discarding { members.append(LocatedJSON.Member(key: key, value: value)) }
                skipWhitespace()
                guard position < bytes.count else { throw error("expected ',' or '}', found end of input") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                throw error("expected ',' or '}' in the object")
            }
        }

        private mutating func parseArray() throws(SyntaxError) -> LocatedJSON.Kind {
            try enter()
            defer { depth -= 1 }
            let start = position
            var items: [LocatedJSON] = []
            var count = 0
            try parseElements { (parser) throws(SyntaxError) in
                let item = parser.deferral == nil ? try parser.parseValue() : try parser.parseElementValue()
                if !parser.discarding { items.append(item) }
                count += 1
            }
            // A long array checked inside a deferred one: its extent, for the second reading.
            if discarding, position - start >= CheckedArray.minimumLength, deferral?.insideDeferred == true {
                deferral!.longArrays[start] = CheckedArray(end: position, count: count)
            }
            return .array(items)
        }

        /// `[`, the elements, each read by `element` (which leaves the parser after it), and `]`,
        /// with the separators and whitespace between them.
        mutating func parseElements(_ element: (inout Parser) throws(SyntaxError) -> Void) throws(SyntaxError) {
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return }
            while true {
                skipWhitespace()
                try element(&self)
                skipWhitespace()
                guard position < bytes.count else { throw error("expected ',' or ']', found end of input") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return }
                throw error("expected ',' or ']' in the array")
            }
        }

        /// Checks the number here and moves past it; returns where it ends.
        private mutating func parseNumber() throws(SyntaxError) -> Int {
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            func digits() -> Int {
                let begin = position
                while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
                return position - begin
            }
            let integerDigits = digits()
            guard integerDigits > 0 else { throw error("malformed number", at: start) }
            if integerDigits > 1, bytes[position - integerDigits] == UInt8(ascii: "0") {
                throw error("malformed number: leading zero", at: start)
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw error("malformed number: no digits after '.'", at: start) }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw error("malformed number: no digits in the exponent", at: start) }
            }
            return position
        }

        mutating func parseString() throws(SyntaxError) -> String {
            if let plain = parsePlainString() { return plain }
            let start = position
            position += 1
            var scalars = String.UnicodeScalarView()
            var runStart = position
            func flush() throws(SyntaxError) {
                if runStart < position {
                    guard let text = String(validating: bytes[runStart..<position], as: UTF8.self) else {
                        throw error("string is not valid UTF-8", at: runStart)
                    }
                    scalars.append(contentsOf: text.unicodeScalars)
                }
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    try flush()
                    position += 1
                    return String(scalars)
                }
                if byte < 0x20 { throw error("control character in string") }
                if byte == UInt8(ascii: "\\") {
                    try flush()
                    guard position + 1 < bytes.count else { break }
                    let escape = bytes[position + 1]
                    position += 2
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        var unit = try hexUnit()
                        if (0xD800..<0xDC00).contains(unit), startsWith("\\u") {
                            position += 2
                            let low = try hexUnit()
                            if (0xDC00..<0xE000).contains(low) {
                                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                throw error("unpaired surrogate in string", at: position - 6)
                            }
                        }
                        guard let scalar = Unicode.Scalar(unit) else { throw error("unpaired surrogate in string", at: position - 6) }
                        scalars.append(scalar)
                    default:
                        throw error("invalid escape in string", at: position - 2)
                    }
                    runStart = position
                    continue
                }
                position += 1
            }
            throw error("unterminated string", at: start)
        }

        /// A string with no escapes or control characters, made in one piece (the common case);
        /// `nil`, with `position` unchanged, for anything else (``parseString()`` then reads it
        /// scalar by scalar and reports what is wrong).
        private mutating func parsePlainString() -> String? {
            let start = position + 1
            let result: (String, Int)? = bytes.withUnsafeBufferPointer { buffer in
                var index = start
                var ascii = true
                while index < buffer.count {
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") {
                        let text = UnsafeBufferPointer(rebasing: buffer[start..<index])
                        if ascii { return (String(decoding: text, as: UTF8.self), index + 1) }
                        guard let valid = String(validating: text, as: UTF8.self) else { return nil }
                        return (valid, index + 1)
                    }
                    if byte < 0x20 || byte == UInt8(ascii: "\\") { return nil }
                    if byte >= 0x80 { ascii = false }
                    index += 1
                }
                return nil
            }
            guard let (text, end) = result else { return nil }
            position = end
            return text
        }

        private mutating func hexUnit() throws(SyntaxError) -> UInt32 {
            guard bytes.count - position >= 4,
                  let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
            else { throw error("expected 4 hex digits after \\u") }
            position += 4
            return value
        }
    }
}

/// A parsed JSON value with the byte offset where it starts (for line:column errors).
public struct LocatedJSON: Sendable {
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(JSONNumberText)
        case string(String)
        case array([LocatedJSON])
        case object([Member])
    }

    public struct Member: Sendable {
        public var key: String
        public var value: LocatedJSON

        public init(key: String, value: LocatedJSON) {
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    /// The offset in two parts that fit in the bytes after `kind`'s tag, so that a value takes 24
    /// bytes rather than 32 (a large document holds millions of values): offsets up to 2^40.
    private var offsetHigh: UInt8
    private var offsetLow: UInt32

    /// Byte offset of the value's first character.
    public var offset: Int {
        get { Int(offsetHigh) << 32 | Int(offsetLow) }
        set {
            precondition(newValue >= 0 && newValue < 1 << 40, "JSON offsets are below 2^40")
            offsetHigh = UInt8(truncatingIfNeeded: newValue >> 32)
            offsetLow = UInt32(truncatingIfNeeded: newValue)
        }
    }

    public init(kind: Kind, offset: Int) {
        precondition(offset >= 0 && offset < 1 << 40, "JSON offsets are below 2^40")
        self.kind = kind
        offsetHigh = UInt8(truncatingIfNeeded: offset >> 32)
        offsetLow = UInt32(truncatingIfNeeded: offset)
    }

    /// The value without locations.
    public var value: JSONValue {
        switch kind {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number.text)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(\.value))
        case .object(let members): return .object(members.map { JSONMember($0.key, $0.value.value) })
        }
    }
}

/// A number of a ``LocatedJSON`` as written: a range of the parsed text's bytes, so that a
/// document of millions of numbers holds no `String` per number.
public struct JSONNumberText: Sendable {
    /// The parsed text (shared, not copied), or the number's own bytes.
    private let source: [UInt8]
    private let start: UInt32
    private let end: UInt32

    /// The number written as `text`.
    public init(_ text: String) {
        source = Array(text.utf8)
        start = 0
        end = UInt32(source.count)
    }

    /// The number at `range` of `bytes` (copied out when the offsets do not fit 32 bits).
    init(_ bytes: [UInt8], _ range: Range<Int>) {
        if range.upperBound <= Int(UInt32.max) {
            source = bytes
            start = UInt32(range.lowerBound)
            end = UInt32(range.upperBound)
        } else {
            source = Array(bytes[range])
            start = 0
            end = UInt32(source.count)
        }
    }

    private func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        source.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)])) }
    }

    /// The literal text (`1`, `-0.5`, `1e-07`, `NaN`, `Infinity`, `-Infinity`).
    public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// The number as `Double(text)` reads it (see ``DoubleParsing``), without a `String` for
    /// plain decimals.
    public var double: Double? { withBytes { DoubleParsing.double($0) } }

    /// Whether the literal is written as a float (has `.` or an exponent).
    public var isFloatLiteral: Bool {
        withBytes { $0.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } }
    }
}

/// A JSON document for ``JSONText/serializeUTF8(_:style:capacity:)-(JSONStream,_,_)``: plain
/// values, plus objects and arrays that are always written one member or element per line, the
/// array's elements made one at a time as they are written (and freed after).
///
/// Not `indirect`: nesting goes through arrays and closures, so an element (a sample pair, a
/// gate) is made without a heap box of its own.
///
/// Use ``object(_:)`` and ``array(count:element:)`` only where the pretty layout would not put
/// the value on one line anyway (it is longer than any line limit), so the bytes are the same
/// as for the equivalent ``JSONValue``.
public enum JSONStream {
    case value(JSONValue)
    case object([(key: String, value: JSONStream)])
    case array(count: Int, element: (Int) -> JSONStream)
    /// ``array(count:element:)`` whose elements may be made and written on several threads:
    /// `makeElement` is called once per thread and gives that thread its element maker (so that
    /// makers can keep caches of their own). The bytes are those of ``array(count:element:)``.
    case parallelArray(count: Int, makeElement: @Sendable () -> (Int) -> JSONStream)
    /// ``parallelArray(count:makeElement:)`` whose elements may be written straight into the
    /// output: each thread's writer either appends element `index`'s text (exactly what the
    /// layout writes there) to the buffer and returns `nil`, or leaves the buffer as it was and
    /// returns the element to be written as usual.
    case parallelTextArray(count: Int, makeWriter: @Sendable () -> (Int, inout [UInt8]) -> JSONStream?)
    /// Two finite doubles as a two-element array of their `description`s (a complex sample),
    /// written without building the array.
    case finitePair(Double, Double)
    /// Text written as is: the caller guarantees it is exactly what the layout writes there
    /// (for example a value's one-line form, known to fit the line limit at its level).
    case verbatim([UInt8])
}
