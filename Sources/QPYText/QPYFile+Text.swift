import QPYModel

extension QPYFile {
    /// Reads a `.qpyasm` text (pulse programs or circuits) (see `Schemas/qpyasm.md`).
    /// - Parameter fileName: the name errors are reported under (`cal.qpyasm:3:5: error: …`).
    /// - Throws: ``TextDecodingError`` with line:column, the source line and a caret.
    public init(qpyasm text: String, fileName: String? = nil, options: TextDecodingOptions = TextDecodingOptions()) throws(TextDecodingError) {
        self = try TextDecoder.decode(Array(text.utf8), fileName: fileName, options: options).0
    }

    /// Reads `.qpyasm` text given as UTF-8 bytes, without a String copy of it.
    /// - Throws: ``TextDecodingError``, also for bytes that are not UTF-8 (at the first bad byte).
    public init(qpyasmUTF8 bytes: [UInt8], fileName: String? = nil, options: TextDecodingOptions = TextDecodingOptions()) throws(TextDecodingError) {
        self = try TextDecoder.decode(bytes, fileName: fileName, options: options, checkingUTF8: true).0
    }

    /// The file as canonical `.qpyasm` text: deterministic, and read back to the same file.
    public func qpyasmString(options: TextEncodingOptions = TextEncodingOptions()) -> String {
        var encoder = TextEncoder(file: self, options: options)
        return encoder.encode()
    }

    /// ``qpyasmString(options:)`` as UTF-8 bytes, without a String in between.
    public func qpyasmUTF8(options: TextEncodingOptions = TextEncodingOptions()) -> [UInt8] {
        var encoder = TextEncoder(file: self, options: options)
        return encoder.encodeUTF8()
    }

    /// ``qpyasmUTF8(options:)``'s bytes handed to `emit` in pieces of about `chunkSize` bytes as
    /// they are written, so that a large text is never held whole. A piece is valid only during
    /// the call.
    public func qpyasmUTF8(options: TextEncodingOptions = TextEncodingOptions(), chunkSize: Int,
                           emit: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var encoder = TextEncoder(file: self, options: options)
        encoder.encodeUTF8(pieceSize: chunkSize, sink: emit)
    }

    /// Whether ``qpyasmString(options:)`` writes the whole file: true for every file (schedule
    /// blocks and circuits alike), kept for callers written when the text held pulse programs only.
    public var isRepresentableAsQPYAsm: Bool { true }
}
