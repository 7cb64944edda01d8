import Foundation

/// The expression fixtures written by real Qiskit (`Tests/FixtureGenerator/gen_expressions.py`),
/// one file per writer under `Tests/Fixtures/expressions/`.
struct ExpressionFixtureFile: Decodable {
    struct Writer: Decodable {
        var package: String
        var version: String
        var symengine: String?
        var sympy: String?
    }

    struct Form: Decodable {
        var srepr: String?
        var symengine: String?
        var str: String?
    }

    struct Pulse: Decodable {
        var `case`: String
        var pulse_type: String
        var class_name: String?
        var duration: Int
        var parameters: [String: FixtureNumber]
        var envelope: Form
        var constraints: Form?
        var valid_amp_conditions: Form?
        var samples: [[Double]]
    }

    /// A real number, or a complex one written as `[re, im]`.
    struct FixtureNumber: Decodable {
        var real: Double
        var imaginary: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) {
                real = value
                imaginary = 0
            } else {
                let pair = try container.decode([Double].self)
                real = pair[0]
                imaginary = pair.count > 1 ? pair[1] : 0
            }
        }
    }

    struct Symbol: Decodable {
        var name: String
        var uuid: String
    }

    struct ParameterExpression: Decodable {
        var `case`: String
        var python: String?
        var srepr: String?
        var symengine: String?
        var symbols: [Symbol]
        var bindings: [String: Double]
        var value: [Double]?
        var replay: String?
        var element: String?
    }

    var writer: Writer
    var pulses: [Pulse]
    var parameter_expressions: [ParameterExpression]
}

enum ExpressionFixtures {
    /// `Tests/Fixtures/expressions`, found from this source file's path.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/expressions")

    /// Every fixture file, keyed by its name (`qiskit-1.4.6`, `terra-0.22.4`, …).
    /// Every fixture file; a file that fails to decode stops the test run loudly instead of
    /// silently shrinking the set.
    static let all: [(name: String, file: ExpressionFixtureFile)] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            do {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                return (String(name.dropLast(5)), try JSONDecoder().decode(ExpressionFixtureFile.self, from: data))
            } catch {
                fatalError("fixture \(name) does not decode: \(error)")
            }
        }
    }()

    /// Every (writer, pulse) pair.
    static var pulses: [(writer: String, pulse: ExpressionFixtureFile.Pulse)] {
        all.flatMap { entry in entry.file.pulses.map { (entry.name, $0) } }
    }

    /// Every (writer, ParameterExpression) pair.
    static var parameterExpressions: [(writer: String, expression: ExpressionFixtureFile.ParameterExpression)] {
        all.flatMap { entry in entry.file.parameter_expressions.map { (entry.name, $0) } }
    }
}

/// Lowercase hex to bytes and back.
enum Hex {
    static func bytes(_ text: String) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            out.append(byte)
            index = next
        }
        return out
    }

    static func string(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
