/// A failure to decode binary input, located by byte offset and element path.
public struct ByteDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, e.g. `truncated: needed 8 bytes, 3 remain`.
    public var reason: String
    /// 0-based offset of the first byte that could not be decoded.
    public var offset: Int
    /// The element being decoded.
    public var path: ElementPath

    public init(_ reason: String, offset: Int, path: ElementPath = ElementPath()) {
        self.reason = reason
        self.offset = offset
        self.path = path
    }

    public var description: String { "\(reason) at byte \(offset) (\(path))" }

    /// The same error for a payload embedded at `base` in a larger input, under `outer`.
    public func relocated(by base: Int, under outer: ElementPath) -> ByteDecodingError {
        ByteDecodingError(reason, offset: base + offset, path: ElementPath(outer.steps + path.steps))
    }

    /// The same error as if it had been thrown with `step` appended to `outer`, the path it was
    /// read under: the step goes right after `outer`'s steps when the error's path starts with
    /// them (an error from elsewhere is left as it is).
    public func inserting(_ step: @autoclosure () -> String, after outer: ElementPath) -> ByteDecodingError {
        guard let located = path.inserting(step(), after: outer) else { return self }
        return ByteDecodingError(reason, offset: offset, path: located)
    }
}
