import QPYModel

extension QPYFile {
    /// Reads a `.qpyasm` pulse assembly text (see `Schemas/qpyasm.md`).
    /// - Parameter fileName: the name errors are reported under (`cal.qpyasm:3:5: error: …`).
    /// - Throws: ``TextDecodingError`` with line:column, the source line and a caret.
    public init(qpyasm text: String, fileName: String? = nil, options: TextDecodingOptions = TextDecodingOptions()) throws(TextDecodingError) {
        self = try TextDecoder.decode(Array(text.utf8), fileName: fileName, options: options).0
    }

    /// The file as canonical `.qpyasm` text: deterministic, and read back to the same file.
    ///
    /// The format holds pulse programs (schedule blocks) so far; for a file of circuits only the
    /// header is written (check ``isRepresentableAsQPYAsm`` first).
    public func qpyasmString(options: TextEncodingOptions = TextEncodingOptions()) -> String {
        var encoder = TextEncoder(file: self, options: options)
        return encoder.encode()
    }

    /// Whether ``qpyasmString(options:)`` writes the whole file: true for schedule blocks.
    public var isRepresentableAsQPYAsm: Bool {
        if case .scheduleBlocks = programs { return true }
        return false
    }
}
