import Dispatch
import QPYConv
import Testing

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

    /// Runs finish out of order (some elements cost far more than others), the workers run
    /// ahead of the thread that joins them, and four documents are written at once (more threads
    /// than cores, so that any thread may be paused anywhere): every document must still be the
    /// one-thread text.
    @Test func unevenRunsOnBusyCores_joinInOrder() {
        let count = 12_000
        let makeElement: @Sendable () -> (Int) -> JSONStream = {
            { index in
                // Every 700th element is a long array: whole runs cost many times their neighbours.
                index % 700 == 0 ? .value(.array((0..<300).map { .number(String($0 ^ index)) })) : Self.element(index)
            }
        }
        let expected = JSONText.serializeUTF8(.array(count: count, element: makeElement()), style: .pretty(indent: 2))
        // Mismatches per writer (each writer has its own entry).
        var mismatches = [Int](repeating: 0, count: 8)
        mismatches.withUnsafeMutableBufferPointer { counts in
            nonisolated(unsafe) let counts = counts
            DispatchQueue.concurrentPerform(iterations: counts.count) { writer in
                for _ in 0..<25 {
                    let bytes = JSONText.serializeUTF8(.parallelArray(count: count, makeElement: makeElement), style: .pretty(indent: 2))
                    if bytes != expected { counts[writer] += 1 }
                }
            }
        }
        #expect(mismatches == [Int](repeating: 0, count: 8))
    }

    /// Elements written straight into the output (``JSONStream/parallelTextArray(count:makeWriter:)``)
    /// or handed back as trees give the bytes of the plain array, on one thread or several.
    @Test(arguments: [3, 4096, 8193])
    func parallelTextArray_writesTheBytesOfTheArray(count: Int) {
        let style = JSONText.Style.pretty(indent: 2)
        let direct = JSONStream.parallelTextArray(count: count) {
            { index, out in
                guard index % 3 == 0 else { return Self.element(index) }
                out.append(contentsOf: Array(#"{"op": "rz", "qubits": [\#(index % 50)]}"#.utf8))
                return nil
            }
        }
        let plain = JSONStream.array(count: count) { index in
            index % 3 == 0
                ? .value(.object([JSONMember("op", .string("rz")), JSONMember("qubits", .array([.number(String(index % 50))]))]))
                : Self.element(index)
        }
        #expect(JSONText.serializeUTF8(direct, style: style) == JSONText.serializeUTF8(plain, style: style))
    }

    /// Written in pieces (``JSONText/serializeUTF8(_:style:chunkSize:emit:)``), the document is
    /// the same bytes as in one buffer, whatever the piece size.
    @Test(arguments: [1, 100, 4096, 1 << 20])
    func chunkedOutput_joinsToTheBytesOfOneBuffer(chunkSize: Int) {
        for style in [JSONText.Style.python, .pretty(indent: 2)] {
            for count in [0, 17, 8193] {
                let streams: [JSONStream] = [
                    .object([(key: "a", value: .value(.number("1"))),
                             (key: "k", value: .parallelArray(count: count) { { Self.element($0) } })]),
                    .object([(key: "k", value: .array(count: count) { Self.element($0) })]),
                ]
                for stream in streams {
                    var joined: [UInt8] = []
                    var pieces = 0
                    JSONText.serializeUTF8(stream, style: style, chunkSize: chunkSize) { piece in
                        joined.append(contentsOf: piece)
                        pieces += 1
                    }
                    let whole = JSONText.serializeUTF8(stream, style: style)
                    #expect(joined == whole, "count \(count), \(style)")
                    if count == 8193, chunkSize <= 4096 { #expect(pieces > 1) }
                }
            }
        }
    }

    /// ``Converter/write(_:as:options:chunkSize:emit:)`` hands on the bytes of
    /// ``Converter/write(_:as:options:)`` for a long circuit (streamed, on several threads) and a
    /// short one (one piece).
    @Test func converterChunkedJSON_sameAsOneBuffer() throws {
        let gates = (0..<6000).map { index in
            index % 10 == 0 ? #"{"op": "RZGate", "qubits": [\#(index % 7)], "params": ["θ*\#(index) + 1.5"]}"#
                : #"{"op": "CXGate", "qubits": [\#(index % 7), \#((index + 1) % 7)]}"#
        }
        for count in [3, 6000] {
            let document = #"{"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "symengine"}, "parameters": [{"name": "θ", "uuid": "00000000-0000-0000-0000-000000000001"}], "circuits": [{"name": "long", "num_qubits": 7, "num_clbits": 0, "global_phase": 0.0, "metadata": {}, "registers": [{"name": "q", "kind": "quantum", "bits": [0, 1, 2, 3, 4, 5, 6]}], "instructions": ["#
                + gates.prefix(count).joined(separator: ", ") + "]}]}"
            let file = try Converter.read(Array(document.utf8), as: .json)
            let whole = try Converter.write(file, as: .json)
            var joined: [UInt8] = []
            try Converter.write(file, as: .json, chunkSize: 1000) { joined.append(contentsOf: $0) }
            #expect(joined == whole, "\(count) instructions")
        }
    }

    /// A streamed document (gates and parameter-table entries written as one-line text, some
    /// handed back as trees: non-ASCII, escaped or long names, vector elements, a shared name)
    /// is the text the tree writer gives for the same JSON.
    @Test func streamedDocument_isTheTreeWritersText() throws {
        var parameters: [String] = (0..<5000).map { index in
            let hex = String(index + 1, radix: 16)
            return #"{"name": "p\#(index)", "uuid": "00000000-0000-0000-0000-\#(String(repeating: "0", count: 12 - hex.count) + hex)"}"#
        }
        parameters += [
            #"{"name": "θ", "uuid": "00000000-0000-0000-0000-100000000001"}"#,
            #"{"name": "\#(String(repeating: "a", count: 70))", "uuid": "00000000-0000-0000-0000-100000000002"}"#,
            #"{"name": "q\"uote", "uuid": "00000000-0000-0000-0000-100000000003"}"#,
            #"{"name": "v[0]", "uuid": "00000000-0000-0000-0000-100000000004", "vector": {"name": "v", "length": 1, "index": 0}}"#,
            #"{"name": "shared", "uuid": "00000000-0000-0000-0000-100000000005"}"#,
            #"{"name": "shared", "uuid": "00000000-0000-0000-0000-100000000006"}"#,
        ]
        var gates: [String] = (0..<5000).map { #"{"op": "RZGate", "qubits": [0], "params": ["p\#($0) + 0.5"]}"# }
        gates += [
            #"{"op": "RZGate", "qubits": [0], "params": ["θ"]}"#,
            #"{"op": "RZGate", "qubits": [0], "params": ["\#(String(repeating: "a", count: 70))"]}"#,
            #"{"op": "RZGate", "qubits": [0], "params": ["\"q\\\"uote\""]}"#,
            #"{"op": "RZGate", "qubits": [0], "params": ["v[0]"]}"#,
            #"{"op": "RZGate", "qubits": [0], "params": [{"expr": "shared", "uuids": {"shared": "00000000-0000-0000-0000-100000000005"}, "vector": null}]}"#,
            #"{"op": "RZGate", "qubits": [0], "params": [{"expr": "shared", "uuids": {"shared": "00000000-0000-0000-0000-100000000006"}, "vector": null}]}"#,
            #"{"op": "RZGate", "qubits": [0], "params": [1.25]}"#,
        ]
        let document = #"{"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "symengine"}, "parameters": ["#
            + parameters.joined(separator: ", ") + #"], "circuits": [{"name": "t", "num_qubits": 1, "num_clbits": 0, "global_phase": 0.0, "metadata": {}, "registers": [{"name": "q", "kind": "quantum", "bits": [0]}], "instructions": ["#
            + gates.joined(separator: ", ") + "]}]}"
        let file = try Converter.read(Array(document.utf8), as: .json)
        let streamed = try Converter.write(file, as: .json)
        var tree = JSONText.serializeUTF8(try JSONText.parse(streamed), style: .pretty(indent: 2))
        tree.append(0x0A)
        #expect(streamed == tree)
        #expect(String(decoding: streamed, as: UTF8.self).contains(#""θ""#))
    }
}
