import Foundation
import Testing
import QPYConv
import QPYModel
import QPYTestSupport

/// A JSON document parsed with its instruction lists deferred (checked, not kept, then read one
/// element at a time) gives the same values and the same syntax errors as a whole parse.
@Suite struct DeferredArrayTests {
    static let patterns: [JSONText.PathPattern] = [["parameters"], ["circuits", nil, "instructions"]]

    static let document = """
        {"parameters": [{"name": "a"}, {"name": "b"}],
         "circuits": [
           {"metadata": {"instructions": [1, 2]},
            "instructions": [{"op": "h", "qubits": [0]}, {"op": "cx", "qubits": [0, 1], "params": [[], {"x": null}]}, 3.5e-2, "s"]},
           {"instructions": []},
           {"instructions": "not an array"}
         ]}
        """

    @Test func deferredArraysReadBackAsAWholeParseReadsThem() throws {
        let bytes = Array(Self.document.utf8)
        let whole = try JSONText.parseLocated(bytes)
        let (tree, deferred) = try JSONText.parseLocated(bytes, deferring: Self.patterns)
        // The parameter table and the two instruction arrays are deferred; the metadata's
        // "instructions" and a string at a deferred place are kept.
        #expect(deferred.count == 3)
        #expect(deferred.values.map(\.count).sorted() == [0, 2, 4])
        #expect(tree.value != whole.value)
        // Every deferred array, read again, puts the tree back as the whole parse made it.
        func restored(_ value: LocatedJSON) -> JSONValue {
            switch value.kind {
            case .array(let items):
                if items.isEmpty, let array = deferred[value.offset] {
                    var elements: [JSONValue] = []
                    JSONText.forEachElement(ofDeferred: array, in: bytes, maximumDepth: 200) { elements.append(restored($0)) }
                    return .array(elements)
                }
                return .array(items.map(restored))
            case .object(let members):
                return .object(members.map { JSONMember($0.key, restored($0.value)) })
            default:
                return value.value
            }
        }
        #expect(restored(tree) == whole.value)
    }

    @Test(arguments: [
        #"{"circuits": [{"instructions": [{"op": "h"}, {"op": }]}]}"#,
        #"{"circuits": [{"instructions": [1, 2,]}]}"#,
        #"{"circuits": [{"instructions": [1, 2"#,
        #"{"circuits": [{"instructions": [[[[1]]]]}]}"#,
        #"{"parameters": [{"name": "a\u00"}], "circuits": []}"#,
        #"{"circuits": [{"instructions": [1] "x": 2}]}"#,
    ])
    func syntaxErrorsInDeferredArraysAreTheWholeParsesErrors(_ text: String) {
        let bytes = Array(text.utf8)
        let whole = Result { () throws(JSONText.SyntaxError) in try JSONText.parseLocated(bytes, maximumDepth: 5) }
        let deferring = Result { () throws(JSONText.SyntaxError) in try JSONText.parseLocated(bytes, maximumDepth: 5, deferring: Self.patterns) }
        switch (whole, deferring) {
        case (.failure(let a), .failure(let b)):
            #expect(a == b)
        default:
            Issue.record("expected both parses to fail: \(whole), \(deferring)")
        }
    }

    /// An error inside a deferred instruction names its JSON Pointer and line:column.
    @Test func errorsInDeferredInstructionsNameTheirPlace() throws {
        let qpy = try FixtureFiles.bytes("circuits/qiskit-2.6/v18/bell.qpy")
        let json = String(decoding: try Converter.write(try Converter.read(qpy, as: .qpy), as: .json), as: UTF8.self)
        let damaged = json.replacingOccurrences(of: "\"qubits\": [0, 1]", with: "\"qubits\": [0, \"one\"]")
        #expect(damaged != json)
        do {
            _ = try Converter.read(Array(damaged.utf8), as: .json, name: "bell.json")
            Issue.record("a qubit given as a string was read")
        } catch {
            #expect(error.message.contains("expected a qubit index"), "\(error.message)")
            #expect(error.diagnostic.contains("/circuits/0/instructions/1/qubits/1"), "\(error.diagnostic)")
        }
    }
}
