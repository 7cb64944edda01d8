/// The qubit and clbit lists a decoder has already made for one file, so that instructions on
/// the same one or two bits share one array (arrays are values: sharing is invisible, and a
/// 100,000-gate circuit on 50 qubits then holds a few thousand lists instead of 100,000).
/// Not thread-safe: one decoder uses it from one thread.
public final class ArgumentListMemo {
    public init() {}

    /// Lists of one index, by that index.
    private var singles: [UInt32: [UInt32]] = [:]
    /// Lists of two indices, by both (the first in the high half).
    private var pairs: [UInt64: [UInt32]] = [:]
    /// At most this many lists of each length are kept (a hostile file cannot make the memo
    /// larger than the lists themselves would be).
    private static let capacity = 1 << 16

    /// The shared list `[index]`.
    public func list(_ index: UInt32) -> [UInt32] {
        if let known = singles[index] { return known }
        let list = [index]
        if singles.count < Self.capacity { singles[index] = list }
        return list
    }

    /// The shared list `[first, second]`.
    public func list(_ first: UInt32, _ second: UInt32) -> [UInt32] {
        let key = UInt64(first) << 32 | UInt64(second)
        if let known = pairs[key] { return known }
        let list = [first, second]
        if pairs.count < Self.capacity { pairs[key] = list }
        return list
    }
}
