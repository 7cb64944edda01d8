import QPYDiagnostics
import QPYModel

/// Metadata as QPY stores it: `json.dumps(metadata, separators=(",", ":"))` in UTF-8.
enum MetadataCodec {
    /// Parses metadata bytes; keeps the text only when Qiskit's serialization of the parsed value
    /// would differ from it.
    static func decode(_ bytes: [UInt8], at offset: Int, path: ElementPath) throws(ByteDecodingError) -> (JSONValue, BlockStorage) {
        let value: JSONValue
        do {
            value = try JSONText.parse(bytes)
        } catch {
            throw ByteDecodingError("metadata is not JSON: \(error.message)", offset: offset + error.offset, path: path)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return (value, JSONText.serialize(value, style: .python) == text ? BlockStorage() : BlockStorage(metadataText: text))
    }

    /// The bytes to write: the kept text if it still parses to the same value, else Qiskit's form.
    static func encode(_ value: JSONValue, storage: BlockStorage) -> [UInt8] {
        if let text = storage.metadataText, (try? JSONText.parse(Array(text.utf8))) == value {
            return Array(text.utf8)
        }
        return Array(JSONText.serialize(value, style: .python).utf8)
    }
}
