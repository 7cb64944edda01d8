/// The tokens of a text, lexed as the parser reaches them. Only the tokens of the statement being
/// parsed are kept: a large file is never held as one array of tokens.
///
/// A class, so that copies of the parser made to look ahead share it: tokens are the same whoever
/// lexes them first.
final class TokenBuffer {
    @exclusivity(unchecked) private var lexer: Lexer
    /// The tokens from index `base` on.
    @exclusivity(unchecked) private var window: [Token] = []
    @exclusivity(unchecked) private var base = 0
    /// The index of the end-of-file token, once lexed.
    @exclusivity(unchecked) private var endIndex = Int.max

    init(bytes: [UInt8]) { lexer = Lexer(bytes: bytes) }

    /// The token at `index` (the end-of-file token for any index past it).
    subscript(index: Int) -> Token {
        fill(through: index)
        return window[min(index, endIndex) - base]
    }

    /// The tokens in `range` (indices of the slice are not those of the range).
    subscript(range: Range<Int>) -> ArraySlice<Token> {
        fill(through: range.upperBound - 1)
        return window[(range.lowerBound - base)..<(range.upperBound - base)]
    }

    private func fill(through index: Int) {
        while base + window.count <= index && endIndex == Int.max {
            let token = lexer.next()
            if token.kind == .end { endIndex = base + window.count }
            window.append(token)
        }
    }

    /// Makes the token at `index` the one that starts at byte `offset`, lexing on from there: the
    /// tokens between (which the parser read from the bytes itself) are dropped. Only for the
    /// parser at `index`; no other copy of it may be past `index`.
    func resume(at index: Int, offset: Int) {
        window.removeSubrange(min(window.count, index - base)...)
        if endIndex >= index { endIndex = Int.max }
        lexer.move(to: offset)
    }

    /// Forgets the tokens before `index`: the parser will not ask for them again.
    func discard(before index: Int) {
        let count = index - base
        guard count >= 256 else { return }
        window.removeFirst(count)
        base = index
    }
}
