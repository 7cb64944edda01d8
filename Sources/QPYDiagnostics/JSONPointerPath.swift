/// The steps from a document's root to a value: kept as a chain, so that decoding builds no
/// strings, and spelled as a JSON Pointer (RFC 6901) only when an error names it.
public indirect enum JSONPointerPath: Sendable {
    case root
    case member(JSONPointerPath, String)
    case element(JSONPointerPath, Int)

    /// The JSON Pointer: `""` for the root, `/key/0/…` with `~` as `~0` and `/` as `~1`.
    public var pointer: String {
        var steps: [String] = []
        var current = self
        while true {
            switch current {
            case .root:
                return steps.reversed().map { "/" + $0 }.joined()
            case .member(let parent, let key):
                steps.append(Self.escaped(key))
                current = parent
            case .element(let parent, let index):
                steps.append(String(index))
                current = parent
            }
        }
    }

    private static func escaped(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        var result = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "~": result += "~0"
            case "/": result += "~1"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
