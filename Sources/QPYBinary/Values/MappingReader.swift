import QPYDiagnostics

/// MAPPING (`"!Q"` count, then MAP_ITEM `"!H1cH"` + key + value) and SEQUENCE (`"!Q"` count, then
/// typed values) framing.
enum MappingReader {
    struct Item {
        var keyBytes: [UInt8]
        var type: UInt8
        /// A reader over exactly the value bytes.
        var value: ByteReader

        /// The key as text.
        func key(_ reader: ByteReader) throws(ByteDecodingError) -> String {
            guard let text = String(validating: keyBytes, as: UTF8.self) else {
                throw value.error("mapping key is not valid UTF-8")
            }
            return text
        }
    }

    static func read(_ reader: inout ByteReader, what: String) throws(ByteDecodingError) -> [Item] {
        let count = try reader.checkCount(try reader.readBigEndian(UInt64.self, "\(what) count"), minimumSize: 5, what: what)
        var items: [Item] = []
        items.reserveCapacity(count)
        let label = "\(what) item"
        for index in 0..<count {
            let item = try reader.within(label, index) { (inner) throws(ByteDecodingError) -> Item in
                let keySize = Int(try inner.readBigEndian(UInt16.self, "key size"))
                let type = try inner.readByte("value type")
                let size = Int(try inner.readBigEndian(UInt16.self, "value size"))
                let key = try inner.readBytes(keySize, "key")
                var value = try inner.subReader(length: size, "value")
                // The value is decoded after this step has ended: its reader carries the step.
                value.path = inner.path.appending(label, index)
                return Item(keyBytes: key, type: type, value: value)
            }
            items.append(item)
        }
        return items
    }

    /// A SEQUENCE's elements: each a type key and a reader over its payload.
    static func readSequence(_ reader: inout ByteReader, what: String) throws(ByteDecodingError) -> [(type: UInt8, value: ByteReader)] {
        let count = try reader.checkCount(try reader.readBigEndian(UInt64.self, "\(what) count"), minimumSize: 9, what: what)
        var elements: [(UInt8, ByteReader)] = []
        elements.reserveCapacity(count)
        for index in 0..<count {
            let element = try reader.within(what, index) { (inner) throws(ByteDecodingError) -> (UInt8, ByteReader) in
                let type = try inner.readByte("type key")
                let size = try inner.readBigEndian(UInt64.self, "size")
                guard size <= UInt64(inner.remaining) else {
                    throw inner.error("element claims \(size) bytes but \(inner.remaining) remain")
                }
                var element = try inner.subReader(length: Int(size), "element")
                // The element is decoded after this step has ended: its reader carries the step.
                element.path = inner.path.appending(what, index)
                return (type, element)
            }
            elements.append(element)
        }
        return elements
    }
}
