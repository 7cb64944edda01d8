/// One token of the infix syntax, with its UTF-8 byte range.
struct InfixToken: Equatable {
    enum Kind: Equatable {
        /// An integer literal (digits only).
        case integer(String)
        /// A float literal (contains `.` or an exponent).
        case float(String)
        /// A bare identifier, possibly with an `[index]` suffix (`theta`, `θ[0]`).
        case identifier(String)
        /// A double-quoted symbol name (`"a b"`).
        case quoted(String)
        /// An operator or punctuation: `+ - * / ** ( ) , < <= > >= == !=`.
        case punctuation(String)
        case end
        /// A malformed token, with the reason.
        case invalid(String)
    }

    var kind: Kind
    var start: Int
    var end: Int
}
