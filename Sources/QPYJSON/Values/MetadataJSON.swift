import QPYModel

/// Metadata in the JSON document. Qiskit writes metadata with Python's `json.dumps`, which spells
/// non-finite floats as the bare tokens `NaN`, `Infinity` and `-Infinity`. The document stays
/// standard JSON: such numbers appear as strings in `metadata`, and the exact Python text is kept
/// in the block's `qpy.metadata_text`.
enum MetadataJSON {
    /// The metadata with non-finite number tokens replaced by strings.
    static func portable(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let text) where ["NaN", "Infinity", "-Infinity"].contains(text): return .string(text)
        case .array(let items): return .array(items.map(portable))
        case .object(let members): return .object(members.map { JSONMember($0.key, portable($0.value)) })
        default: return value
        }
    }

    /// The text to keep in `qpy.metadata_text`: the block's stored text, or Qiskit's serialization
    /// when the metadata holds non-finite numbers that `metadata` cannot show.
    static func storedText(_ value: JSONValue, storage: BlockStorage) -> String? {
        if let text = storage.metadataText { return text }
        return portable(value) == value ? nil : JSONText.serialize(value, style: .python)
    }

    /// The metadata and storage from the document: the stored text wins while it still describes
    /// the `metadata` member (it was not edited), else the member itself.
    static func restore(member: JSONValue, storedText: String?) -> (JSONValue, BlockStorage) {
        guard let text = storedText, let parsed = try? JSONText.parse(Array(text.utf8)), portable(parsed) == member else {
            return (member, BlockStorage())
        }
        return (parsed, JSONText.serialize(parsed, style: .python) == text ? BlockStorage() : BlockStorage(metadataText: text))
    }
}
