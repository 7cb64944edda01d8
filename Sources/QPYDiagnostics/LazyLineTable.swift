/// A text's ``LineTable``, built the first time an error asks for a line:column (most texts
/// decode without one). A reference, so that the values located in one text share it.
public final class LazyLineTable: @unchecked Sendable {
    private let text: [UInt8]
    private var built: LineTable?

    /// The table of `text`, made on first use.
    public init(utf8 text: [UInt8]) {
        self.text = text
    }

    /// A table already made.
    public init(_ table: LineTable) {
        text = []
        built = table
    }

    /// The line table (not thread-safe on first use: a decoder uses it from one thread).
    public var table: LineTable {
        if let built { return built }
        let table = LineTable(utf8: text)
        built = table
        return table
    }
}
