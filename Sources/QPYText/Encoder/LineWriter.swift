#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Accumulates lines of text with indentation, collapsing blank lines: never two in a row, none
/// at the start, right after a line that opens a block, or before a `}`. Works on UTF-8 bytes.
struct LineWriter {
    /// The UTF-8 text written so far.
    private(set) var bytes: [UInt8] = []
    private var pendingBlank = false
    private var suppressBlank = true
    let indentUnit: String

    init(indent: Int) { indentUnit = String(repeating: " ", count: indent) }

    /// Reserves room for `count` bytes of text in all.
    mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    /// Asks for a blank line before the next line.
    mutating func blank() { pendingBlank = true }

    /// Writes `content` (which may hold several lines) at `level`; `opensBlock`: it ends with `{`.
    /// Lines break at each `\n` that is its own character (not the `\n` of a `\r\n`), and empty
    /// lines get no indentation.
    mutating func write(_ content: String, level: Int, opensBlock: Bool = false) {
        let newline = UInt8(ascii: "\n")
        if pendingBlank && !suppressBlank { bytes.append(newline) }
        pendingBlank = false
        var content = content
        content.withUTF8 { utf8 in
            var lineStart = 0
            var searchStart = 0
            while true {
                // The next `\n` (found with memchr: a waveform's text is tens of kilobytes).
                var index = utf8.count
                if searchStart < utf8.count, let base = utf8.baseAddress,
                   let found = memchr(base + searchStart, Int32(newline), utf8.count - searchStart) {
                    index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    if index > 0, utf8[index - 1] == UInt8(ascii: "\r") {
                        searchStart = index + 1
                        continue
                    }
                }
                if index > lineStart {
                    for _ in 0..<level { bytes.append(contentsOf: indentUnit.utf8) }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[lineStart..<index]))
                }
                bytes.append(newline)
                guard index < utf8.count else { return }
                lineStart = index + 1
                searchStart = lineStart
            }
        }
        suppressBlank = opensBlock
    }

    /// Writes the `}` of a block at `level`.
    mutating func close(_ content: String, level: Int, opensBlock: Bool = false) {
        pendingBlank = false
        write(content, level: level, opensBlock: opensBlock)
    }

    /// Comments and blank lines before a statement.
    mutating func trivia(_ items: [TriviaItem], level: Int) {
        for item in items {
            switch item {
            case .blankLine: blank()
            case .comment(let comment): write("#" + comment, level: level)
            }
        }
    }
}
