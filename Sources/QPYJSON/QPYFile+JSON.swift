import QPYModel

extension QPYFile {
    /// Reads a qpyconv JSON document (see `Schemas/qpyconv.schema.json`).
    /// - Throws: ``JSONDecodingError`` with line:column and JSON Pointer.
    public init(jsonUTF8 bytes: [UInt8], options: JSONDecodingOptions = JSONDecodingOptions()) throws(JSONDecodingError) {
        self = try QPYJSONDecoder(options: options).decode(bytes)
    }

    /// The file as a qpyconv JSON document: deterministic, indented, readable.
    public func jsonString(options: JSONEncodingOptions = JSONEncodingOptions()) -> String {
        QPYJSONEncoder(options: options).encode(self)
    }

    /// ``jsonString(options:)`` as UTF-8 bytes, written without an intermediate `String`.
    public func jsonUTF8(options: JSONEncodingOptions = JSONEncodingOptions()) -> [UInt8] {
        QPYJSONEncoder(options: options).encodeUTF8(self)
    }

    /// ``jsonUTF8(options:)``'s bytes handed to `emit` in pieces of about `chunkSize` bytes
    /// as they are written, so that a large document is never held whole. A piece is valid only
    /// during the call.
    public func jsonUTF8(options: JSONEncodingOptions = JSONEncodingOptions(), chunkSize: Int,
                         emit: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        QPYJSONEncoder(options: options).encodeUTF8(self, chunkSize: chunkSize, emit: emit)
    }
}
