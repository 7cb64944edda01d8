import Testing
import QPYConv

/// A long array written on several threads (``JSONStream/parallelArray(count:makeElement:)``)
/// must give the bytes one thread gives, and the bytes of the equivalent tree.
@Suite struct ParallelJSONTests {
    /// Element `index`: a mix of what streamed documents hold (objects, samples, one-line text).
    static func element(_ index: Int) -> JSONStream {
        switch index % 4 {
        case 0: return .value(.object([JSONMember("op", .string("rz")), JSONMember("qubits", .array([.number(String(index % 50))]))]))
        case 1: return .finitePair(Double(index) / 7, -Double(index) * 1e-9)
        case 2: return .value(.array((0..<(index % 40)).map { .number(String($0)) }))
        default: return .value(.object([JSONMember("name", .string("é\(index)")), JSONMember("n", .number(String(index)))]))
        }
    }

    static func tree(_ index: Int) -> JSONValue {
        switch element(index) {
        case .value(let value): return value
        case .finitePair(let first, let second): return .array([.number(first.description), .number(second.description)])
        default: fatalError("the test makes no other elements")
        }
    }

    @Test(arguments: [0, 1, 4095, 4096, 8193])
    func parallelArray_writesTheBytesOfOneThread(count: Int) {
        for style in [JSONText.Style.python, .pretty(indent: 2)] {
            for depth in [0, 2] {
                var parallel = JSONStream.parallelArray(count: count) { { Self.element($0) } }
                var sequential = JSONStream.array(count: count) { Self.element($0) }
                var tree = JSONValue.array((0..<count).map(Self.tree))
                for level in 0..<depth {
                    parallel = .object([(key: "k\(level)", value: parallel)])
                    sequential = .object([(key: "k\(level)", value: sequential)])
                    tree = .object([JSONMember("k\(level)", tree)])
                }
                let bytes = JSONText.serializeUTF8(parallel, style: style)
                // Compared as a whole (a failure names the case, not the bytes).
                let sameAsOneThread = bytes == JSONText.serializeUTF8(sequential, style: style)
                let sameAsTree = bytes == JSONText.serializeUTF8(tree, style: style)
                #expect(sameAsOneThread, "count \(count), depth \(depth), \(style)")
                // Streamed arrays are always one element per line: the tree agrees once it is long.
                if count > 100 { #expect(sameAsTree, "count \(count), depth \(depth), \(style)") }
            }
        }
    }
}
