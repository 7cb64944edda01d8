#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Accumulates lines of text with indentation, collapsing blank lines: never two in a row, none
/// at the start, right after a line that opens a block, or before a `}`. Works on UTF-8 bytes.
struct LineWriter {
    /// The UTF-8 text written so far (since the last piece handed to the sink, when there is one).
    private(set) var bytes: [UInt8] = []
    private var pendingBlank = false
    private var suppressBlank = true
    let indentUnit: String
    /// Where the text goes in pieces of about `pieceSize` bytes as it is written, if anywhere.
    private let sink: ((UnsafeBufferPointer<UInt8>) -> Void)?
    private let pieceSize: Int

    /// A writer that keeps the whole text in ``bytes``.
    init(indent: Int) {
        indentUnit = String(repeating: " ", count: indent)
        sink = nil
        pieceSize = .max
    }

    /// A writer that hands the text to `sink` in pieces of about `pieceSize` bytes as the lines
    /// are written (each piece valid only during the call), and the rest on ``finish()``.
    init(indent: Int, pieceSize: Int, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        indentUnit = String(repeating: " ", count: indent)
        self.sink = sink
        self.pieceSize = max(1, pieceSize)
        bytes.reserveCapacity(self.pieceSize + 65_536)
    }

    /// Reserves room for `count` bytes of text in all (nothing when the text goes out in pieces).
    mutating func reserveCapacity(_ count: Int) {
        if sink == nil { bytes.reserveCapacity(count) }
    }

    /// Hands what is left to the sink (when there is one).
    mutating func finish() {
        guard let sink, !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer(sink)
        bytes.removeAll(keepingCapacity: true)
    }

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
                guard index < utf8.count else { break }
                lineStart = index + 1
                searchStart = lineStart
            }
        }
        suppressBlank = opensBlock
        if bytes.count >= pieceSize { finish() }
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
