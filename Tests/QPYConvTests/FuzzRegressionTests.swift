// The fuzzing oracles, and the suite that replays every fuzzer crash through them.
//
// This one file is compiled twice:
// - here, in the QPYConvTests target (debug, no sanitizers): the `FuzzOracle` checks plus the
//   `FuzzRegressionTests` suite, which runs every file under Tests/Fuzzing/FailCases/<Target>/
//   (and a few seed inputs) through the same checks the fuzzer runs;
// - in the nested fuzzing package (Tests/Fuzzing/Sources/FuzzOracles/FuzzOracles.swift is a
//   symlink to this file), built with `QPYCONV_FUZZING` defined, which leaves the suite out.
// Keeping one copy means a fail case fails here for exactly the reason it crashed the fuzzer.
//
// The exact oracles, and every normalisation they accept, are documented in
// Tests/Fuzzing/README.md ("What each target checks"); keep the two in step.

import QPYBinary
import QPYConv
import QPYExpression
import QPYJSON
import QPYText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Violations

/// An oracle violation: the library did something its documented round-trip contract forbids.
public struct OracleViolation: Error, CustomStringConvertible, Sendable {
    /// A stable identifier of the check that failed (`qpy.reencode-bytes`, `srepr.tokens`, …).
    public var check: String
    /// What differed, with enough context to start debugging.
    public var detail: String

    public init(_ check: String, _ detail: String) {
        self.check = check
        self.detail = detail
    }

    public var description: String { "[\(check)] \(detail)" }
}

/// The fuzz targets, by the name of their executable and FailCases folder.
public enum FuzzTarget: String, CaseIterable, Codable, Sendable {
    case qpy = "FuzzQPY"
    case json = "FuzzJSON"
    case expression = "FuzzExpression"
    case text = "FuzzText"
}

// MARK: - Oracles

/// The checks each fuzz target runs on one input. Each returns normally when the input is
/// rejected by the decoder (a typed decoding error is the expected outcome for most inputs) or
/// when every check holds, and throws ``OracleViolation`` otherwise. Nothing here prints.
public enum FuzzOracle {
    /// Runs the oracle of `target` on `input`.
    public static func check(_ target: FuzzTarget, _ input: [UInt8]) throws(OracleViolation) {
        switch target {
        case .qpy: try checkQPY(input)
        case .json: try checkJSON(input)
        case .expression: try checkExpression(input)
        case .text: try checkText(input)
        }
    }

    /// Limits for re-reading what a writer printed: the printed form of a tree that was read within
    /// the default limits may nest a little deeper (infix adds parentheses), so re-reads use
    /// generous limits. First reads always use the defaults.
    static let rereadLimits = ExpressionLimits(maximumDepth: 1_000, maximumIntegerDigits: 50_000)

    // MARK: QPY

    /// `FuzzQPY`: binary QPY -> IR -> binary QPY (and IR -> JSON -> IR).
    public static func checkQPY(_ input: [UInt8]) throws(OracleViolation) {
        let file: QPYFile
        do { file = try QPYFile(qpyBytes: input) } catch { return }
        let version = file.header.version

        // 1. Anything read can be written at its own version, unless the reader accepted a
        //    feature this QPY version cannot hold (documented reader leniency).
        let written: [UInt8]
        do {
            written = try file.qpyBytes()
        } catch {
            if isVersionFeatureRefusal(error.message) { return try checkJSONForm(of: file) }
            throw OracleViolation("qpy.encode", "a file read as QPY \(version) cannot be written back at QPY \(version): \(error)")
        }

        // 2. What the writer wrote reads back, and the writer is a fixed point on it.
        let reread: QPYFile
        do { reread = try QPYFile(qpyBytes: written) } catch {
            throw OracleViolation("qpy.reread", "the writer's own QPY \(version) output does not read back: \(error)")
        }
        let rewritten: [UInt8]
        do { rewritten = try reread.qpyBytes() } catch {
            throw OracleViolation("qpy.reencode", "the re-read file cannot be written again: \(error)")
        }
        if rewritten != written {
            throw OracleViolation("qpy.fixed-point", "writing the re-read file gives other bytes: \(describeDifference(written, rewritten))")
        }

        // 3. Lossless: the re-read IR is the IR read, except that expression payloads the writer
        //    re-derives from the tree come back in canonical form (see `inspectPayloads`).
        let inspection = inspectPayloads(file, input: input)
        if reread != inspection.expected {
            throw OracleViolation("qpy.ir", "QPY -> IR -> QPY -> IR changes the IR: \(describeDifference(inspection.expected, reread))")
        }

        // 4. Byte-identical, unless the input was gzip (written back uncompressed) or held an
        //    expression payload that is not in the writer's canonical form.
        let gzip = input.starts(with: [0x1F, 0x8B])
        if !gzip, inspection.nonCanonical.isEmpty, written != input {
            throw OracleViolation("qpy.bytes", "QPY -> IR -> QPY is not byte-identical: \(describeDifference(input, written))")
        }

        try checkJSONForm(of: file)
    }

    /// 5. The JSON form of a file read from QPY reads back to the same IR, and is a fixed point.
    static func checkJSONForm(of file: QPYFile) throws(OracleViolation) {
        let json = file.jsonString()
        let fromJSON: QPYFile
        do { fromJSON = try QPYFile(jsonUTF8: Array(json.utf8)) } catch {
            throw OracleViolation("qpy.json-reread", "the JSON written for a QPY file does not read back: \(error)")
        }
        if fromJSON != file {
            throw OracleViolation("qpy.json-ir", "QPY -> IR -> JSON -> IR changes the IR: \(describeDifference(file, fromJSON))")
        }
        let jsonAgain = fromJSON.jsonString()
        if jsonAgain != json {
            throw OracleViolation("qpy.json-fixed-point", "JSON -> IR -> JSON changes the text: \(describeDifference(json, jsonAgain))")
        }
    }

    /// QPYEncodingError messages that are a legitimate answer to "write this decoded file at its own
    /// version": the reader is deliberately lenient and accepts features the file's QPY version
    /// cannot hold; the writer refuses to produce such a file. Matched by message prefix.
    static let versionFeatureRefusals: [String] = [
        "schedule blocks can be written as QPY 5 to 13 only",  // schedule program in a QPY 14+ file
        "Reference instructions need QPY 7 or later",
        "string operands need QPY 7 or later",
        "Acquire kernels need QPY 9 or later",
        "Acquire discriminators need QPY 9 or later",
        "symengine-encoded expressions need QPY 10 to 12",  // 0x01-prefixed payload before QPY 10
        "expression-keyed symbol entries need QPY 13",
    ]

    static func isVersionFeatureRefusal(_ message: String) -> Bool {
        versionFeatureRefusals.contains { message.hasPrefix($0) }
    }

    /// What the IR must look like after QPY -> IR -> QPY -> IR, and which payloads were not in
    /// the writer's canonical form (which excuses a byte difference).
    struct PayloadInspection {
        var expected: QPYFile
        var nonCanonical: [String]
    }

    /// The writer re-derives srepr text and symengine bytes from the tree (ParameterExpressions
    /// before QPY 13, and pulse expressions whose kept zlib stream no longer inflates to the
    /// canonical payload). So:
    /// - a ParameterExpression (QPY < 13) whose srepr/symengine payload in the input is not what
    ///   the writer prints for its tree (found by searching the input for the canonical framed
    ///   payload `!QQ` + bytes) is non-canonical: bytes may differ; a symengine tree comes back
    ///   as symengine's canonical form of it (decode(encode(tree)));
    /// - a pulse expression keeps its zlib bytes iff they inflate to the canonical payload;
    ///   otherwise it is non-canonical and comes back with no kept bytes and a canonical tree;
    /// - a symengine pulse expression in a QPY < 10 file is written as srepr (Qiskit's rule).
    static func inspectPayloads(_ file: QPYFile, input: [UInt8]) -> PayloadInspection {
        let version = file.header.version
        var nonCanonical: [String] = []
        var framedNeeded: [[UInt8]: Int] = [:]
        let rewrite = IRMap(
            parameterExpression: { expression in
                var expression = expression
                guard version < 13 else { return expression }
                let payload: [UInt8]?
                switch expression.payload {
                case .srepr: payload = Array(expression.expression.srepr.utf8)
                case .symengine(let symengine):
                    payload = try? expression.expression.symengineBytes(version: symengine)
                    expression.expression = symengineCanonical(expression.expression, symengine)
                case .replay: payload = nil
                }
                if let payload {
                    var framed: [UInt8] = []
                    framed.appendBigEndian(UInt64(expression.symbols.count))
                    framed.appendBigEndian(UInt64(payload.count))
                    framed.append(contentsOf: payload)
                    framedNeeded[framed, default: 0] += 1
                }
                return expression
            },
            symbolicExpression: { expression in
                var expression = expression
                if version < 10, case .symengine = expression.encoding {
                    nonCanonical.append("symengine pulse expression in QPY \(version) (written as srepr)")
                    expression.encoding = .srepr
                    expression.compressedBytes = nil
                    return expression
                }
                let payload: [UInt8]?
                switch expression.encoding {
                case .srepr: payload = Array(expression.expression.srepr.utf8)
                case .symengine(let symengine):
                    payload = try? expression.expression.symengineBytes(version: symengine)
                    expression.expression = symengineCanonical(expression.expression, symengine)
                }
                if let kept = expression.compressedBytes, let payload, !ZlibProbe.inflates(kept, to: payload) {
                    nonCanonical.append("pulse expression payload not in canonical form")
                    expression.compressedBytes = nil
                }
                return expression
            })
        let expected = rewrite.file(file)
        for (framed, needed) in framedNeeded where occurrences(of: framed, in: input, atMost: needed) < needed {
            nonCanonical.append("ParameterExpression payload not in canonical form: \(preview(framed.dropFirst(16)))")
        }
        return PayloadInspection(expected: expected, nonCanonical: nonCanonical)
    }

    /// symengine's canonical form of a tree: decode(encode(tree)), or the tree if either fails.
    static func symengineCanonical(_ tree: QPYExpression.Expression, _ version: SymengineVersion) -> QPYExpression.Expression {
        guard let bytes = try? tree.symengineBytes(version: version),
              let archive = try? SymengineArchive(bytes: bytes, limits: rereadLimits) else { return tree }
        return archive.root
    }

    // MARK: JSON

    /// `FuzzJSON`: JSON -> IR -> JSON -> IR, and JSON -> IR -> QPY -> IR.
    public static func checkJSON(_ input: [UInt8]) throws(OracleViolation) {
        let file: QPYFile
        do { file = try QPYFile(jsonUTF8: input) } catch { return }

        // 1. The JSON the writer prints reads back to the same IR, and printing is a fixed point.
        let json = file.jsonString()
        let back: QPYFile
        do { back = try QPYFile(jsonUTF8: Array(json.utf8)) } catch {
            throw OracleViolation("json.reread", "the writer's own JSON does not read back: \(error)")
        }
        if back != file {
            throw OracleViolation("json.ir", "JSON -> IR -> JSON -> IR changes the IR: \(describeDifference(file, back))")
        }
        let again = back.jsonString()
        if again != json {
            throw OracleViolation("json.fixed-point", "JSON -> IR -> JSON is not a fixed point: \(describeDifference(json, again))")
        }

        // 2. The file as QPY.
        try checkQPYForm(of: file, source: "json", name: "JSON")
    }

    /// The file as QPY: written (or refused with a QPYEncodingError: a JSON or text document can
    /// hold what a QPY version cannot), read back to the same content, and a fixed point. The
    /// checks are named `<source>.qpy-…`.
    static func checkQPYForm(of file: QPYFile, source: String, name: String) throws(OracleViolation) {
        let written: [UInt8]
        do { written = try file.qpyBytes() } catch {
            if error.message.hasPrefix("replay program:") {
                throw OracleViolation("\(source).qpy-encode", "a replay program read from \(name) cannot be written: \(error)")
            }
            return
        }
        let fromQPY: QPYFile
        do { fromQPY = try QPYFile(qpyBytes: written) } catch {
            throw OracleViolation("\(source).qpy-reread", "the QPY written for a \(name) document does not read back: \(error)")
        }
        let rewritten: [UInt8]
        do { rewritten = try fromQPY.qpyBytes() } catch {
            throw OracleViolation("\(source).qpy-reencode", "the re-read file cannot be written again: \(error)")
        }
        if rewritten != written {
            throw OracleViolation("\(source).qpy-fixed-point", "writing the re-read file gives other bytes: \(describeDifference(written, rewritten))")
        }
        let expected = semanticView(file)
        let actual = semanticView(fromQPY)
        if actual != expected {
            throw OracleViolation("\(source).qpy-ir", "\(name) -> IR -> QPY -> IR changes the content: \(describeDifference(expected, actual))")
        }
    }

    // MARK: Text

    /// `FuzzText`: `.qpyasm` text -> IR -> canonical text -> IR, `fmt` idempotence, and the IR as
    /// JSON and as QPY.
    public static func checkText(_ input: [UInt8]) throws(OracleViolation) {
        guard let text = String(validating: input, as: UTF8.self) else { return }
        let file: QPYFile
        do { file = try QPYFile(qpyasm: text) } catch { return }

        // 1. The canonical text the writer prints reads back to the same IR and is a fixed point.
        //    (The text format holds schedule blocks; a circuit file keeps only its header.)
        guard file.isRepresentableAsQPYAsm else { return }
        let printed = file.qpyasmString()
        let back: QPYFile
        do { back = try QPYFile(qpyasm: printed) } catch {
            throw OracleViolation("text.reread", "the writer's own text does not read back: \(error)")
        }
        if back != file {
            throw OracleViolation("text.ir", "text -> IR -> text -> IR changes the IR: \(describeDifference(file, back))")
        }
        let again = back.qpyasmString()
        if again != printed {
            throw OracleViolation("text.fixed-point", "text -> IR -> text is not a fixed point: \(describeDifference(printed, again))")
        }

        // 2. `qpyconv fmt` (canonical form keeping comments): succeeds on text that reads, keeps
        //    the IR, and is idempotent.
        let formatted: [UInt8]
        do { formatted = try Converter.formattedQPYAsm(input) } catch {
            throw OracleViolation("text.fmt", "fmt refuses text that reads: \(error)")
        }
        let formattedFile: QPYFile
        do { formattedFile = try QPYFile(qpyasm: String(decoding: formatted, as: UTF8.self)) } catch {
            throw OracleViolation("text.fmt-reread", "fmt's output does not read back: \(error)")
        }
        if formattedFile != file {
            throw OracleViolation("text.fmt-ir", "fmt changes the IR: \(describeDifference(file, formattedFile))")
        }
        let formattedAgain: [UInt8]
        do { formattedAgain = try Converter.formattedQPYAsm(formatted) } catch {
            throw OracleViolation("text.fmt-reread", "fmt refuses its own output: \(error)")
        }
        if formattedAgain != formatted {
            throw OracleViolation("text.fmt-idempotent", "fmt is not idempotent: \(describeDifference(String(decoding: formatted, as: UTF8.self), String(decoding: formattedAgain, as: UTF8.self)))")
        }

        // 3. The IR as JSON (lossless) and as QPY.
        let json = file.jsonString()
        let fromJSON: QPYFile
        do { fromJSON = try QPYFile(jsonUTF8: Array(json.utf8)) } catch {
            throw OracleViolation("text.json-reread", "the JSON written for a text document does not read back: \(error)")
        }
        if fromJSON != file {
            throw OracleViolation("text.json-ir", "text -> IR -> JSON -> IR changes the IR: \(describeDifference(file, fromJSON))")
        }
        try checkQPYForm(of: file, source: "text", name: "text")
    }

    /// The IR with the storage details QPY may re-derive erased, for comparing a JSON document with
    /// what its QPY form reads back as:
    /// - kept zlib bytes, `.npy` header text, metadata text, replay programs: dropped (the writer
    ///   keeps them only while they are consistent with the value; a QPY read fills them in);
    /// - symengine-encoded trees: symengine's canonical form (the writer serializes them through
    ///   symengine's canonical constructors);
    /// - symengine pulse expressions in a QPY < 10 document: srepr (Qiskit's rule);
    /// - QPY 13+ trees in which the replay writer computes a pair of literals of different types:
    ///   the tree the written program computes (see ``ReplayFolding``);
    /// - a symbolic pulse with no class name in a QPY 6+ document (JSON `"class": null`, which the
    ///   schema reserves for QPY 5): `SymbolicPulse`, the default the writer stores, as QPY 6+
    ///   always holds a class name;
    /// - the header's symbolic encoding: none before QPY 10 (the field does not exist there), and
    ///   `sympy` when a QPY 10+ document leaves it out (the byte the writer stores);
    /// - in a QPY < 5 document, an instruction's controls when they are what its standard gate
    ///   class implies (``CircuitInstruction/impliedControls``): none, as QPY < 5 stores only the
    ///   class;
    /// - QPY 13+ trees in which a sum's first term is a sum, or a product's first factor a product:
    ///   flattened, as the replay program computes them (see ``ReplayFolding``);
    /// - a ParameterExpression in a QPY 13+ document whose encoding is srepr or symengine: a
    ///   replay program (QPY 13+ has no other form for them; the writer converts, as Qiskit does).
    static func semanticView(_ file: QPYFile) -> QPYFile {
        var file = file
        let version = file.header.version
        file.header.symbolicEncoding = version < 10 ? nil : file.header.symbolicEncoding ?? .sympy
        var map = IRMap(
            parameterExpression: { expression in
                var expression = expression
                switch expression.payload {
                case .replay where version < 13, .symengine where version < 10:
                    // QPY 1 to 12 store a replay payload as srepr text, QPY 1 to 9 a symengine one
                    // too (the writer's documented migration; fuzz run 12, `FuzzJSON/json.qpy-ir-c2cd8e66bd9d`).
                    expression.payload = .srepr
                    expression.expression = SreprForm.written(expression.expression)
                case .replay:
                    expression.payload = .replay(nil)
                    expression.expression = ReplayFolding.writtenTree(expression)
                case .symengine where version >= 13, .srepr where version >= 13:
                    // QPY 13+ stores every ParameterExpression as a replay program.
                    expression.payload = .replay(nil)
                    expression.expression = ReplayFolding.writtenTree(expression)
                case .symengine(let symengine): expression.expression = symengineCanonical(expression.expression, symengine)
                case .srepr: expression.expression = SreprForm.written(expression.expression)
                }
                return expression
            },
            symbolicExpression: { expression in
                var expression = expression
                expression.compressedBytes = nil
                if case .symengine(let symengine) = expression.encoding {
                    if version < 10 {
                        expression.encoding = .srepr
                    } else {
                        expression.expression = symengineCanonical(expression.expression, symengine)
                    }
                }
                if case .srepr = expression.encoding { expression.expression = SreprForm.written(expression.expression) }
                return expression
            },
            waveform: { waveform in
                var waveform = waveform
                waveform.storage = NumpyStorage()
                return waveform
            },
            blockStorage: { _ in BlockStorage() }
        )
        if version < 5 {
            map.circuitInstruction = { instruction in
                var instruction = instruction
                if let implied = instruction.impliedControls, implied == (instruction.numCtrlQubits, instruction.ctrlState) {
                    (instruction.numCtrlQubits, instruction.ctrlState) = (0, 0)
                }
                return instruction
            }
        }
        if version >= 6 {
            map.symbolicPulse = { pulse in
                var pulse = pulse
                if pulse.className == nil { pulse.className = "SymbolicPulse" }
                return pulse
            }
        }
        return map.file(file)
    }

    // MARK: Expressions

    /// The codec `FuzzExpression` feeds the rest of the input to: `input[0] & 3`.
    public enum ExpressionCodec: UInt8, CaseIterable, Sendable {
        case srepr = 0, infix = 1, symengine = 2, replay = 3
    }

    /// `FuzzExpression`: the first byte selects the codec, the rest is the payload.
    public static func checkExpression(_ input: [UInt8]) throws(OracleViolation) {
        guard let first = input.first, let codec = ExpressionCodec(rawValue: first & 3) else { return }
        let payload = Array(input.dropFirst())
        switch codec {
        case .srepr: try checkSrepr(payload)
        case .infix: try checkInfix(payload)
        case .symengine: try checkSymengine(payload)
        case .replay: try checkReplay(payload)
        }
    }

    /// srepr text -> tree -> text -> tree: the tree is identical, printing is a fixed point, and
    /// the printed text has the input's tokens up to the documented normalisations.
    static func checkSrepr(_ payload: [UInt8]) throws(OracleViolation) {
        guard let text = String(validating: payload, as: UTF8.self) else { return }
        let tree: QPYExpression.Expression
        do { tree = try QPYExpression.Expression(srepr: text) } catch { return }
        let printed = tree.srepr
        let back: QPYExpression.Expression
        do { back = try QPYExpression.Expression(srepr: printed, limits: rereadLimits) } catch {
            throw OracleViolation("srepr.reread", "printed srepr does not parse: \(error.message) at \(error.location) in \(preview(printed))")
        }
        if back != tree {
            throw OracleViolation("srepr.tree", "srepr -> tree -> srepr -> tree changes the tree: \(describeDifference(tree, back))\n  input:   \(preview(text))\n  printed: \(preview(printed))")
        }
        if back.srepr != printed {
            throw OracleViolation("srepr.fixed-point", "printing is not a fixed point: \(describeDifference(printed, back.srepr))")
        }
        guard let inputTokens = SreprTokens.normalized(text), let printedTokens = SreprTokens.normalized(printed) else {
            throw OracleViolation("srepr.tokens", "text the parser accepted does not tokenize: \(preview(text))")
        }
        if inputTokens != printedTokens {
            throw OracleViolation("srepr.tokens", "printed srepr is not the input up to whitespace, quoting, integer spelling and Float('…') without precision:\n  input:   \(preview(text))\n  printed: \(preview(printed))")
        }
        try checkInfixRoundTrip(tree, from: "srepr")
    }

    /// infix text -> tree -> text -> tree: identical tree, and printing is a fixed point.
    static func checkInfix(_ payload: [UInt8]) throws(OracleViolation) {
        guard let text = String(validating: payload, as: UTF8.self) else { return }
        let tree: QPYExpression.Expression
        do { tree = try QPYExpression.Expression(infix: text) } catch { return }
        try checkInfixRoundTrip(tree, from: "infix")
    }

    /// The claim of the infix syntax: printing any tree and parsing the text gives the same tree.
    static func checkInfixRoundTrip(_ tree: QPYExpression.Expression, from source: String) throws(OracleViolation) {
        let printed = tree.infix
        let back: QPYExpression.Expression
        do { back = try QPYExpression.Expression(infix: printed, limits: rereadLimits) } catch {
            throw OracleViolation("\(source).infix-reread", "infix printed for a tree read from \(source) does not parse: \(error.message) at \(error.location) in \(preview(printed))")
        }
        if back != tree {
            throw OracleViolation("\(source).infix-tree", "tree (from \(source)) -> infix -> tree changes the tree: \(describeDifference(tree, back))\n  infix: \(preview(printed))")
        }
        let again = back.infix
        if again != printed {
            throw OracleViolation("\(source).infix-fixed-point", "infix printing is not a fixed point: \(describeDifference(printed, again))")
        }
    }

    /// symengine bytes -> archive -> bytes: the writer's output reads back and is a fixed point
    /// (bytes and tree). Byte identity with the input is not required: the decoder accepts any node
    /// numbering and any sharing of subtrees (back-references), which the encoder renumbers and
    /// shares the way symengine does; the claim "symengine's own payloads come back byte for byte"
    /// is what the golden fixture tests check.
    static func checkSymengine(_ payload: [UInt8]) throws(OracleViolation) {
        let archive: SymengineArchive
        do { archive = try SymengineArchive(bytes: payload) } catch { return }
        let written: [UInt8]
        do { written = try archive.bytes() } catch {
            throw OracleViolation("symengine.encode", "a decoded symengine payload cannot be re-encoded: \(error)\n  input: \(hex(payload))")
        }
        let back: SymengineArchive
        do { back = try SymengineArchive(bytes: written, limits: rereadLimits) } catch {
            throw OracleViolation("symengine.reread", "the encoder's output does not decode: \(error)\n  input:   \(hex(payload))\n  written: \(hex(written))")
        }
        if back.version != archive.version {
            throw OracleViolation("symengine.version", "the version changes from \(archive.version) to \(back.version)")
        }
        let again: [UInt8]
        do { again = try back.bytes() } catch {
            throw OracleViolation("symengine.reencode", "the re-read archive cannot be encoded: \(error)")
        }
        if again != written {
            throw OracleViolation("symengine.fixed-point", "encoding is not a fixed point: \(describeDifference(written, again))\n  input: \(hex(payload))")
        }
        if let third = try? SymengineArchive(bytes: again, limits: rereadLimits), third != back {
            throw OracleViolation("symengine.tree-fixed-point", "decode(encode(tree)) is not a fixed point: \(describeDifference(back.root, third.root))")
        }
        try checkInfixRoundTrip(archive.root, from: "symengine")
    }

    /// replay bytes -> program -> bytes: byte-identical (raw operand bytes are kept); the tree the
    /// program computes survives infix, and (when the tree can be flattened) the program the QPY 13+
    /// writer would make for it computes the same tree.
    static func checkReplay(_ payload: [UInt8]) throws(OracleViolation) {
        let program: ReplayProgram
        do { program = try ReplayProgram(bytes: payload) } catch { return }
        let written: [UInt8]
        do { written = try program.bytes() } catch {
            throw OracleViolation("replay.encode", "a decoded replay program cannot be re-encoded: \(error)")
        }
        if written != payload {
            throw OracleViolation("replay.bytes", "replay -> program -> replay is not byte-identical: \(describeDifference(payload, written))")
        }
        let back: ReplayProgram
        do { back = try ReplayProgram(bytes: written) } catch {
            throw OracleViolation("replay.reread", "the encoder's output does not decode: \(error)")
        }
        if back != program {
            throw OracleViolation("replay.program", "replay -> program -> replay -> program changes the program")
        }
        guard !program.records.isEmpty else { return }
        let symbols = ReplaySymbols()
        guard let tree = try? program.expression(resolve: symbols.resolve) else { return }
        try checkInfixRoundTrip(tree, from: "replay")
        guard let flattened = try? ReplayProgram(expression: tree, symbols: symbols.uuids(for: tree)) else { return }
        // The writer computes a pair of literals of different Python types (`1 + 2.0`) instead of
        // writing a record Qiskit 1.3/1.4 cannot replay; such trees come back folded, by design.
        let folds = ReplayFolding.foldsMixedLiterals(tree)
        let flattenedBytes: [UInt8]
        do { flattenedBytes = try flattened.bytes() } catch {
            throw OracleViolation("replay.flatten-encode", "the program made for a tree cannot be encoded: \(error)")
        }
        let rebuilt: QPYExpression.Expression
        do { rebuilt = try flattened.expression(limits: rereadLimits, resolve: symbols.resolve) } catch {
            throw OracleViolation("replay.flatten-run", "the program made for a tree does not run: \(error)\n  tree: \(preview(tree.infix))\n  program: \(hex(flattenedBytes))")
        }
        if rebuilt != tree, !folds {
            throw OracleViolation("replay.flatten-tree", "tree -> replay -> tree changes the tree (the QPY 13+ writer's path): \(describeDifference(tree, rebuilt))\n  tree:    \(preview(tree.infix))\n  rebuilt: \(preview(rebuilt.infix))\n  input:   \(hex(payload))")
        }
    }

    /// Names for replay parameters: `p_<uuid hex>`, and back.
    struct ReplaySymbols {
        func resolve(_ uuid: ParameterUUID) -> QPYExpression.Expression? { .symbol(name(uuid)) }

        func name(_ uuid: ParameterUUID) -> String { "p_" + uuid.description.filter { $0 != "-" } }

        func uuids(for tree: QPYExpression.Expression) -> [String: ParameterUUID] {
            var result: [String: ParameterUUID] = [:]
            for name in tree.symbolNames where name.hasPrefix("p_") {
                let hex = Array(name.dropFirst(2))
                guard hex.count == 32 else { continue }
                let text = String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-" + String(hex[12..<16]) + "-"
                    + String(hex[16..<20]) + "-" + String(hex[20..<32])
                if let uuid = ParameterUUID(text) { result[name] = uuid }
            }
            return result
        }
    }
}

// MARK: - srepr form

/// The one change writing a tree as sympy `srepr` makes: sympy has no complex literal, so a
/// complex number is written as sympy builds one, `I`, `Mul(b, I)` or `Add(a, Mul(b, I))`, and
/// reads back as that product or sum (`complex(0, 2)*θ` comes back as `(2*I)*θ`; a documented
/// normalisation of the srepr path, fuzz run 5, `text.qpy-ir-9fcbc7316821`).
enum SreprForm {
    static func written(_ tree: QPYExpression.Expression) -> QPYExpression.Expression {
        tree.replacingLeaves { leaf in
            guard case .complex(let real, let imaginary) = leaf else { return nil }
            let unitTimesImaginary: QPYExpression.Expression =
                imaginary.isExact && imaginary.doubleValue == 1 ? .constant(.imaginaryUnit) : .mul([.number(imaginary), .constant(.imaginaryUnit)])
            return real.isExact && real.isZero ? unitTimesImaginary : .add([.number(real), unitTimesImaginary])
        }
    }
}

// MARK: - Replay folding

/// The one place the QPY 13+ replay writer changes a tree on purpose: `ReplayProgram(expression:)`
/// computes a pair of literals of different Python types (int/float/complex) met by ADD, SUB, MUL
/// or DIV, as Python would, because Qiskit 1.3/1.4 readers cannot replay such a record. This
/// predicate follows the writer's post-order walk (sums and products accumulate left to right;
/// a rational is an integer division, not a literal) and says whether any such pair occurs.
enum ReplayFolding {
    /// 0 int, 1 float, 2 complex: the literal the writer emits for `expression`, or nil when it
    /// emits records (a sub-tree) or a parameter. Sets `folds` when a mixed pair is computed.
    static func literalRank(_ expression: QPYExpression.Expression, folds: inout Bool) -> Int? {
        switch expression {
        case .number(.integer): return 0
        case .number(.rational): return nil
        case .number: return 1
        case .complex, .constant(.imaginaryUnit): return 2
        case .add(let arguments), .mul(let arguments):
            let isSum = if case .add = expression { true } else { false }
            guard let first = arguments.first else { return 0 }
            var accumulated = literalRank(first, folds: &folds)
            for argument in arguments.dropFirst() {
                var operand = argument
                if isSum, case .mul(let factors) = argument, factors.count >= 2, factors[0] == .integer(-1) {
                    operand = factors.count == 2 ? factors[1] : .mul(Array(factors.dropFirst()))
                } else if !isSum, case .pow(let base, let exponent) = argument, exponent == .integer(-1) {
                    operand = base
                }
                let rank = literalRank(operand, folds: &folds)
                if let a = accumulated, let b = rank, a != b {
                    folds = true
                    accumulated = Swift.max(a, b) == 2 ? 2 : 1
                } else {
                    accumulated = nil
                }
            }
            return accumulated
        default:
            for child in expression.children { _ = literalRank(child, folds: &folds) }
            return nil
        }
    }

    /// Whether the tree holds a sum whose first term is a sum or a product whose first factor is a
    /// product: the replay evaluator appends to the sum or product a program built on the left, so
    /// `(3*b)*2` comes back as `3*b*2` (a documented normalisation of the QPY 13+ path).
    static func flattensLeadingOperand(_ tree: QPYExpression.Expression) -> Bool {
        switch tree {
        case .add(let terms) where terms.first.map({ if case .add = $0 { true } else { false } }) ?? false: return true
        case .mul(let factors) where factors.first.map({ if case .mul = $0 { true } else { false } }) ?? false: return true
        default: return tree.children.contains(where: flattensLeadingOperand)
        }
    }

    /// Whether the tree holds a difference `a - (b*c)`: a sum's later term that is −1 times a
    /// product (`Mul(-1, Mul(b, c), …)`). The writer's `SUB(a, MUL(b, c))` is also how `a - b*c`
    /// is written, and reads back as that: one product with −1 in front (a documented
    /// normalisation of the QPY 13+ path; fuzz run 9, `FuzzText/text.qpy-ir-5169fe30e4f7`).
    static func subtractsProduct(_ tree: QPYExpression.Expression) -> Bool {
        if case .add(let terms) = tree, terms.dropFirst().contains(where: { term in
            guard case .mul(let factors) = term, factors.count >= 2, factors[0] == .integer(-1), case .mul = factors[1] else { return false }
            return true
        }) {
            return true
        }
        return tree.children.contains(where: subtractsProduct)
    }

    /// Whether the tree is a leaf plus the zero Qiskit pads a bare value with (`v + 0`,
    /// `v + (-0.0)`, `v + (-0.0 - 0.0*I)`): its program is the single record `ADD(v, 0)`, which is
    /// how Qiskit writes the bare value `v`, so it reads back as `v` (a documented normalisation of
    /// the QPY 13+ path).
    static func isPaddedBareValue(_ tree: QPYExpression.Expression) -> Bool {
        guard case .add(let terms) = tree, terms.count == 2 else { return false }
        // The encoder emits these as a single operand (a rational is a division, `pi` cannot be written).
        let leafIsWrittenAsOperand: Bool = switch terms[0] {
        case .number(.rational): false
        case .symbol, .number, .complex, .constant(.imaginaryUnit): true
        default: false
        }
        func isNegativeZero(_ number: Number) -> Bool {
            let value = number.doubleValue
            return value == 0 && value.sign == .minus
        }
        let isPadding: Bool = switch terms[1] {
        case .number(.integer(let value)): value == 0
        case .number(let number): isNegativeZero(number)
        case .complex(let real, let imaginary): isNegativeZero(real) && isNegativeZero(imaginary)
        default: false
        }
        return leafIsWrittenAsOperand && isPadding
    }

    /// Whether the tree holds a product starting `n * d**-1` with integer literals in lowest
    /// terms and `d > 1`: the writer's `DIV(n, d)` for it is how the fraction `n/d` is written,
    /// so it reads back as that fraction (a documented normalisation of the QPY 13+ path).
    static func readsAsFraction(_ tree: QPYExpression.Expression) -> Bool {
        if case .mul(let factors) = tree, factors.count >= 2, case .number(.integer(let n)) = factors[0],
           case .pow(.number(.integer(let d)), let exponent) = factors[1], exponent == .integer(-1),
           Number.fraction(n, d) == .rational(n, d) {
            return true
        }
        return tree.children.contains(where: readsAsFraction)
    }

    static func foldsMixedLiterals(_ tree: QPYExpression.Expression) -> Bool {
        var folds = false
        _ = literalRank(tree, folds: &folds)
        return folds
    }

    /// The tree a QPY 13+ writer's fresh program for `expression` computes: the tree itself unless
    /// the writer folds literals (or cannot write the tree at all).
    static func writtenTree(_ expression: ParameterExpression) -> QPYExpression.Expression {
        guard foldsMixedLiterals(expression.expression) || flattensLeadingOperand(expression.expression)
                || isPaddedBareValue(expression.expression) || readsAsFraction(expression.expression)
                || subtractsProduct(expression.expression) else {
            return expression.expression
        }
        var uuids: [String: ParameterUUID] = [:]
        var names: [ParameterUUID: String] = [:]
        for entry in expression.symbols {
            if case .symbol(let symbol) = entry.key {
                uuids[symbol.name] = symbol.uuid
                names[symbol.uuid] = symbol.name
            }
        }
        guard let program = try? ReplayProgram(expression: expression.expression, symbols: uuids),
              let tree = try? program.expression(limits: FuzzOracle.rereadLimits, resolve: { names[$0].map(QPYExpression.Expression.symbol) })
        else { return expression.expression }
        return tree
    }
}

// MARK: - srepr tokens

/// An independent tokenizer for sympy `srepr` text that applies exactly the normalisations the
/// srepr printer is allowed to make, so that `normalized(input) == normalized(printed)` says the
/// parser kept every token:
/// - whitespace between tokens is dropped;
/// - strings compare by value (quote style and escapes are the printer's choice);
/// - integers compare by value (`007` is `7`, `-0` is `0`);
/// - `Float(S)` without `precision=` is `Float(S', precision=53)` where S' is any text of the same
///   binary64 value (the printer writes mpmath's repr of the value).
enum SreprTokens {
    enum Token: Hashable {
        case name(String)
        case integer(String)
        case string(String)
        /// The string argument of a `Float(…)` whose value is compared, not its text.
        case floatValue(UInt64)
        case punctuation(UInt8)
    }

    static func normalized(_ text: String) -> [Token]? {
        guard var tokens = tokenize(Array(text.utf8)) else { return nil }
        // Float ( S ) -> Float ( <value of S> , precision = 53 ); Float ( S , precision = 53 )
        // -> the same when S is the text of that value, which only the printer knows; so both
        // spellings compare by value when the precision is 53 or absent.
        var index = 0
        while index + 3 < tokens.count {
            defer { index += 1 }
            guard tokens[index] == .name("Float"), tokens[index + 1] == .punctuation(UInt8(ascii: "(")),
                  case .string(let literal) = tokens[index + 2], let value = floatValue(literal) else { continue }
            if tokens[index + 3] == .punctuation(UInt8(ascii: ")")) {
                tokens.replaceSubrange(index + 2...index + 3, with: [
                    .floatValue(value.bitPattern), .punctuation(UInt8(ascii: ",")), .name("precision"),
                    .punctuation(UInt8(ascii: "=")), .integer("53"), .punctuation(UInt8(ascii: ")")),
                ])
            } else if index + 7 < tokens.count, tokens[index + 3] == .punctuation(UInt8(ascii: ",")),
                      tokens[index + 4] == .name("precision"), tokens[index + 5] == .punctuation(UInt8(ascii: "=")),
                      tokens[index + 6] == .integer("53") {
                tokens[index + 2] = .floatValue(value.bitPattern)
            }
        }
        return tokens
    }

    /// The value of a Float literal as the srepr parser reads it (decimal text, `inf`, `nan`).
    static func floatValue(_ text: String) -> Double? {
        switch text {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default:
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
            return Double(text)
        }
    }

    static func tokenize(_ bytes: [UInt8]) -> [Token]? {
        var tokens: [Token] = []
        var position = 0
        func isNameStart(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { position += 1; continue }
            if "(),=".utf8.contains(byte) {
                tokens.append(.punctuation(byte))
                position += 1
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                guard let (value, end) = string(bytes, from: position) else { return nil }
                tokens.append(.string(value))
                position = end
            } else if byte == UInt8(ascii: "-"), position + 2 < bytes.count, bytes[position + 1] == UInt8(ascii: "o"),
                      bytes[position + 2] == UInt8(ascii: "o"),
                      position + 3 == bytes.count || !(isNameStart(bytes[position + 3]) || isDigit(bytes[position + 3])) {
                tokens.append(.name("-oo"))
                position += 3
            } else if byte == UInt8(ascii: "-") || isDigit(byte) {
                let negative = byte == UInt8(ascii: "-")
                position += 1
                var digits: [UInt8] = negative ? [] : [byte]
                while position < bytes.count, isDigit(bytes[position]) { digits.append(bytes[position]); position += 1 }
                while digits.count > 1, digits.first == UInt8(ascii: "0") { digits.removeFirst() }
                guard !digits.isEmpty else { return nil }
                let magnitude = String(decoding: digits, as: UTF8.self)
                tokens.append(.integer(negative && magnitude != "0" ? "-" + magnitude : magnitude))
            } else if isNameStart(byte) {
                let start = position
                while position < bytes.count, isNameStart(bytes[position]) || isDigit(bytes[position]) { position += 1 }
                tokens.append(.name(String(decoding: bytes[start..<position], as: UTF8.self)))
            } else {
                return nil
            }
        }
        return tokens
    }

    /// A Python string literal (the escapes Python's `repr` writes, plus `\"` and `\0`).
    static func string(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        let quote = bytes[start]
        var position = start + 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() -> Bool {
            guard !raw.isEmpty else { return true }
            guard let text = String(validating: raw, as: UTF8.self) else { return false }
            scalars.append(contentsOf: text.unicodeScalars)
            raw.removeAll()
            return true
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                guard flush() else { return nil }
                return (String(scalars), position + 1)
            }
            if byte == 0x0A { return nil }
            if byte == UInt8(ascii: "\\") {
                guard flush(), position + 1 < bytes.count else { return nil }
                let escape = bytes[position + 1]
                position += 2
                switch escape {
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "'"): scalars.append("'")
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "0"): scalars.append("\0")
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let width = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                    guard position + width <= bytes.count,
                          let value = UInt32(String(decoding: bytes[position..<position + width], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(value) else { return nil }
                    scalars.append(scalar)
                    position += width
                default:
                    return nil
                }
                continue
            }
            raw.append(byte)
            position += 1
        }
        return nil
    }
}

// MARK: - IR traversal

/// Rebuilds a file with every ParameterExpression (innermost first), pulse expression, waveform and
/// block storage passed through a function: in schedule-block programs, and in circuits (global
/// phase, instruction parameters, nested circuits, custom definitions, calibrations).
struct IRMap {
    var parameterExpression: (ParameterExpression) -> ParameterExpression = { $0 }
    var symbolicExpression: (SymbolicExpression) -> SymbolicExpression = { $0 }
    var waveform: (Waveform) -> Waveform = { $0 }
    var blockStorage: (BlockStorage) -> BlockStorage = { $0 }
    /// Applied to a symbolic pulse after its values and expressions.
    var symbolicPulse: (SymbolicPulse) -> SymbolicPulse = { $0 }
    /// Applied to every circuit instruction (and base gate) after its parameters.
    var circuitInstruction: (CircuitInstruction) -> CircuitInstruction = { $0 }

    func file(_ file: QPYFile) -> QPYFile {
        var file = file
        switch file.programs {
        case .scheduleBlocks(let blocks): file.programs = .scheduleBlocks(blocks.map(block))
        case .circuits(let circuits): file.programs = .circuits(circuits.map(circuit))
        }
        return file
    }

    func circuit(_ circuit: QuantumCircuit) -> QuantumCircuit {
        var circuit = circuit
        circuit.globalPhase = value(circuit.globalPhase)
        circuit.customDefinitions = circuit.customDefinitions.map { definition in
            var definition = definition
            switch definition.body {
            case .circuit(let body)?: definition.body = .circuit(self.circuit(body))
            case .pauliEvolution(var evolution)?:
                evolution.time = value(evolution.time)
                definition.body = .pauliEvolution(evolution)
            case nil: break
            }
            definition.baseGate = definition.baseGate.map(instruction)
            return definition
        }
        circuit.instructions = circuit.instructions.map(instruction)
        circuit.calibrations = circuit.calibrations.map { calibration in
            var calibration = calibration
            calibration.parameters = calibration.parameters.map(value)
            calibration.schedule = block(calibration.schedule)
            return calibration
        }
        return circuit
    }

    func instruction(_ instruction: CircuitInstruction) -> CircuitInstruction {
        var instruction = instruction
        instruction.parameters = instruction.parameters.map(instructionParameter)
        return circuitInstruction(instruction)
    }

    func instructionParameter(_ parameter: InstructionParameter) -> InstructionParameter {
        switch parameter {
        case .value(let plain): return .value(value(plain))
        case .tuple(let items): return .tuple(items.map(instructionParameter))
        case .circuit(let body): return .circuit(circuit(body))
        case .range, .numpy, .target, .caseDefault, .expression, .modifier, .bool: return parameter
        }
    }

    func block(_ block: ScheduleBlock) -> ScheduleBlock {
        var block = block
        block.storage = blockStorage(block.storage)
        block.alignment.parameters = block.alignment.parameters.map(value)
        block.elements = block.elements.map { element in
            switch element {
            case .block(let nested): return .block(self.block(nested))
            case .instruction(var instruction):
                instruction.operands = instruction.operands.map(operand)
                return .instruction(instruction)
            }
        }
        block.references = block.references?.map { ScheduleReference(key: $0.key, block: $0.block.map(self.block)) }
        return block
    }

    func operand(_ operand: PulseOperand) -> PulseOperand {
        switch operand {
        case .value(let plain): return .value(value(plain))
        case .channel(var channel):
            channel.index = value(channel.index)
            return .channel(channel)
        case .waveform(let samples): return .waveform(waveform(samples))
        case .symbolicPulse(var pulse):
            pulse.duration = value(pulse.duration)
            pulse.parameters = pulse.parameters.map { PulseParameter($0.name, value($0.value)) }
            pulse.envelope = pulse.envelope.map(symbolicExpression)
            pulse.constraints = pulse.constraints.map(symbolicExpression)
            pulse.validAmplitudeConditions = pulse.validAmplitudeConditions.map(symbolicExpression)
            return .symbolicPulse(symbolicPulse(pulse))
        case .string: return operand
        case .kernel(var processor):
            processor.parameters = processor.parameters.map(processorParameter)
            return .kernel(processor)
        case .discriminator(var processor):
            processor.parameters = processor.parameters.map(processorParameter)
            return .discriminator(processor)
        }
    }

    func processorParameter(_ parameter: ProcessorParameter) -> ProcessorParameter {
        ProcessorParameter(parameter.name, processorValue(parameter.value))
    }

    func processorValue(_ item: ProcessorValue) -> ProcessorValue {
        switch item {
        case .value(let plain): return .value(value(plain))
        case .dictionary(let parameters): return .dictionary(parameters.map(processorParameter))
        case .list(let items): return .list(items.map(processorValue))
        }
    }

    func value(_ plain: Value) -> Value {
        guard case .expression(let expression) = plain else { return plain }
        return .expression(deep(expression))
    }

    func deep(_ expression: ParameterExpression) -> ParameterExpression {
        var expression = expression
        expression.symbols = expression.symbols.map { entry in
            var entry = entry
            if case .expression(let nested) = entry.key { entry.key = .expression(deep(nested)) }
            return entry
        }
        return parameterExpression(expression)
    }
}

// MARK: - zlib

/// Inflates a zlib stream with the system zlib the process already links (looked up with dlsym, so
/// this file needs no module map): "does `stream` inflate to exactly `expected`?".
enum ZlibProbe {
    typealias Uncompress = @convention(c) (
        UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt
    ) -> Int32

    static let uncompress: Uncompress? = {
        let handle = dlopen("libz.so.1", RTLD_NOW) ?? dlopen(nil, RTLD_NOW)
        guard let symbol = dlsym(handle, "uncompress") else { return nil }
        return unsafeBitCast(symbol, to: Uncompress.self)
    }()

    static func inflates(_ stream: [UInt8], to expected: [UInt8]) -> Bool {
        guard let uncompress else { preconditionFailure("zlib's uncompress() could not be found") }
        var output = [UInt8](repeating: 0, count: expected.count + 1)
        var length = UInt(output.count)
        let status = output.withUnsafeMutableBufferPointer { out in
            stream.withUnsafeBufferPointer { source in
                uncompress(out.baseAddress, &length, source.baseAddress, UInt(source.count))
            }
        }
        return status == 0 && Int(length) == expected.count && output.prefix(expected.count).elementsEqual(expected)
    }
}

// MARK: - Reporting helpers

extension Array where Element == UInt8 {
    fileprivate mutating func appendBigEndian(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}

/// How many times `needle` occurs in `haystack` (stopping at `limit`).
func occurrences(of needle: [UInt8], in haystack: [UInt8], atMost limit: Int) -> Int {
    guard !needle.isEmpty, needle.count <= haystack.count else { return 0 }
    var count = 0
    var start = 0
    let first = needle[0]
    while start + needle.count <= haystack.count, count < limit {
        guard let index = haystack[start...(haystack.count - needle.count)].firstIndex(of: first) else { break }
        if haystack[index..<index + needle.count].elementsEqual(needle) {
            count += 1
            start = index + needle.count
        } else {
            start = index + 1
        }
    }
    return count
}

func hex<C: Collection>(_ bytes: C, limit: Int = 96) -> String where C.Element == UInt8 {
    let shown = bytes.prefix(limit).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    return bytes.count > limit ? shown + "… (\(bytes.count) bytes)" : shown
}

func preview<S: StringProtocol>(_ text: S, limit: Int = 200) -> String {
    let escaped = String(reflecting: String(text.prefix(limit)))
    return text.count > limit ? escaped + "… (\(text.count) characters)" : escaped
}

func preview<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    if let text = String(validating: Array(bytes), as: UTF8.self) { return preview(text) }
    return hex(bytes)
}

/// The first differing byte, with a little context from both sides.
func describeDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
    let common = zip(expected, actual).prefix { $0 == $1 }.count
    let from = Swift.max(0, common - 8)
    return "\(expected.count) vs \(actual.count) bytes, first difference at byte \(common): "
        + "\(hex(expected[from..<Swift.min(expected.count, common + 24)])) vs \(hex(actual[from..<Swift.min(actual.count, common + 24)])) (from byte \(from))"
}

/// The first difference of two texts, with context.
func describeDifference(_ expected: String, _ actual: String) -> String {
    let a = Array(expected.unicodeScalars)
    let b = Array(actual.unicodeScalars)
    let common = zip(a, b).prefix { $0 == $1 }.count
    let from = Swift.max(0, common - 60)
    func window(_ scalars: [Unicode.Scalar]) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[from..<Swift.min(scalars.count, common + 60)])
        return String(reflecting: String(text))
    }
    return "first difference at character \(common) of \(a.count)/\(b.count):\n  expected: …\(window(a))…\n  actual:   …\(window(b))…"
}

/// The first difference of two values' debug descriptions.
func describeDifference<T>(_ expected: T, _ actual: T) -> String {
    describeDifference(String(reflecting: expected), String(reflecting: actual))
}

#if !QPYCONV_FUZZING
import Foundation
import Testing
import QPYTestSupport

// MARK: - Regression suite

/// Replays every saved fuzzer input through the oracle that found it. A fail case is committed
/// when the fuzzer finds it, so this suite fails until the bug is fixed.
@Suite struct FuzzRegressionTests {
    static let fuzzingDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzzing")

    struct Case: CustomTestStringConvertible, Sendable {
        var target: FuzzTarget
        var path: String
        var testDescription: String { "\(target.rawValue)/\(path)" }
    }

    /// Every file under Tests/Fuzzing/FailCases/<Target>/ (README files excluded).
    static let failCases: [Case] = FuzzTarget.allCases.flatMap { target -> [Case] in
        let folder = fuzzingDirectory.appendingPathComponent("FailCases").appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map { Case(target: target, path: $0) }
    }

    /// Each fail case runs in a child process (a Swift Testing exit test) with at most 2 GiB of
    /// address space, like the fuzzer's `-rss_limit_mb=2048`: a fail case may be a trap or an
    /// allocation of many gigabytes, which must fail this test, not take the whole run down.
    @Test(.timeLimit(.minutes(2)), arguments: failCases)
    func failCase_passesItsOracle(_ failCase: Case) async throws {
        let url = Self.fuzzingDirectory.appendingPathComponent("FailCases").appendingPathComponent(failCase.target.rawValue)
            .appendingPathComponent(failCase.path)
        let bytes = Array(try Data(contentsOf: url))
        let target = failCase.target
        let passed = await #expect(processExitsWith: .success, "\(failCase.testDescription)") {
            [bytes = bytes as [UInt8], target = target as FuzzTarget] in
            FuzzRegressionTests.runOracleAndExit(target, bytes)
        } != nil
        // A result is only returned for the expected outcome: run it again, expecting the failure,
        // to show what went wrong.
        if !passed, let failure = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent], performing: {
            [bytes = bytes as [UInt8], target = target as FuzzTarget] in
            FuzzRegressionTests.runOracleAndExit(target, bytes)
        }) {
            let output = String(decoding: failure.standardErrorContent, as: UTF8.self)
            Issue.record("\(failCase.testDescription) (\(failure.exitStatus)): \(output.suffix(3000))")
        }
    }

    /// The body of the child process: the oracle, with a memory limit; exit status 1 and the
    /// violation on standard error if it fails.
    static func runOracleAndExit(_ target: FuzzTarget, _ bytes: [UInt8]) {
        limitAddressSpace(gibibytes: 2)
        do {
            try FuzzOracle.check(target, bytes)
        } catch {
            FileHandle.standardError.write(Data("oracle violation \(error)\n".utf8))
            exit(1)
        }
    }

    static func limitAddressSpace(gibibytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(gibibytes) << 30, rlim_max: rlim_t(gibibytes) << 30)
        #if canImport(Glibc)
        _ = setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        #else
        _ = setrlimit(RLIMIT_AS, &limit)
        #endif
    }

    // The oracles themselves, on inputs whose outcome is known, so that the suite means something
    // when there are no fail cases and so that a broken oracle cannot pass silently.

    @Test func qpyOracle_acceptsRealQiskitFiles() throws {
        for path in ["schedules/terra-0.22.4/param_phase_expression.qpy", "schedules/qiskit-1.4.6/v12-symengine/pulse_Gaussian.qpy",
                     "schedules/qiskit-1.4.6/v13-sympy/param_everything.qpy"] {
            let bytes = try FixtureFiles.bytes(path)
            #expect(throws: Never.self, "\(path)") { try FuzzOracle.checkQPY(bytes) }
        }
    }

    @Test func qpyOracle_acceptsHeaderVariants() throws {
        // Header bytes the codec keeps as read: other Qiskit versions, other symbolic-encoding bytes.
        var bytes = try FixtureFiles.bytes("schedules/qiskit-1.4.6/v11-sympy/waveform_epsilon.qpy")
        bytes[9] &+= 1  // Qiskit patch version
        #expect(throws: Never.self) { try FuzzOracle.checkQPY(bytes) }
        bytes[18] = UInt8(ascii: "x")  // symbolic encoding: neither 'p' nor 'e'
        #expect(throws: Never.self) { try FuzzOracle.checkQPY(bytes) }
    }

    @Test func differences_areLocated() {
        #expect(describeDifference([1, 2, 3], [1, 2, 4]).contains("first difference at byte 2"))
        #expect(describeDifference("abc", "abd").contains("first difference at character 2"))
    }

    @Test func qpyOracle_ignoresInputsTheReaderRejects() {
        #expect(throws: Never.self) { try FuzzOracle.checkQPY(Array("QISKIT".utf8)) }
        #expect(throws: Never.self) { try FuzzOracle.checkQPY([]) }
        #expect(throws: Never.self) { try FuzzOracle.checkQPY([0x1F, 0x8B, 0x08]) }
    }

    @Test func qpyOracle_acceptsGzip() throws {
        let plain = try FixtureFiles.bytes("schedules/terra-0.24.2/pulse_Drag.qpy")
        #expect(throws: Never.self) { try FuzzOracle.checkQPY(QPYFile.gzip(plain)) }
    }

    @Test func qpyOracle_canonicalPayloadDetection() throws {
        // A QPY 12 file with a symengine-encoded ParameterExpression: its payload is canonical, so
        // nothing is excused; replacing the payload's bytes in the input must be noticed.
        let bytes = try FixtureFiles.bytes("schedules/qiskit-1.4.6/v12-symengine/param_everything.qpy")
        let file = try QPYFile(qpyBytes: bytes)
        #expect(FuzzOracle.inspectPayloads(file, input: bytes).nonCanonical.isEmpty)
        #expect(!FuzzOracle.inspectPayloads(file, input: Array(bytes.prefix(40))).nonCanonical.isEmpty)
    }

    @Test func jsonOracle_acceptsExamples() throws {
        let examples = Self.fuzzingDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/schedules")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 5)
        for name in names {
            let bytes = Array(try Data(contentsOf: examples.appendingPathComponent(name)))
            #expect(throws: Never.self, "\(name)") { try FuzzOracle.checkJSON(bytes) }
        }
        #expect(throws: Never.self) { try FuzzOracle.checkJSON(Array("{\"schema_version\": 1}".utf8)) }
    }

    @Test func textOracle_acceptsExamples() throws {
        let examples = Self.fuzzingDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/qpyasm")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".qpyasm") }
        #expect(names.count >= 3)
        for name in names {
            let bytes = Array(try Data(contentsOf: examples.appendingPathComponent(name)))
            #expect(try QPYFile(qpyasm: String(decoding: bytes, as: UTF8.self)).isRepresentableAsQPYAsm, "\(name)")
            #expect(throws: Never.self, "\(name)") { try FuzzOracle.checkText(bytes) }
        }
    }

    @Test func textOracle_acceptsValidAndRejectedTexts() {
        // A text the decoder rejects is not a violation; one that reads must survive every check.
        #expect(throws: Never.self) { try FuzzOracle.checkText(Array("qpyasm 1\nqpy 13, qiskit=\"1.4.6\"\n schedule {".utf8)) }
        #expect(throws: Never.self) { try FuzzOracle.checkText(Array("qpyasm 1\nqpy 13, qiskit=\"1.4.6\"\n# c\nschedule s {\n  delay 10, d0 # t\n}\n".utf8)) }
    }

    @Test func expressionOracle_acceptsEachCodec() throws {
        let srepr = "Mul(Symbol('amp'), exp(Mul(Integer(-1), Rational(1, 2), Pow(Symbol('sigma'), Integer(-2)))))"
        let symengine = try QPYExpression.Expression(infix: "x + 2*y").symengineBytes(version: .v0_13)
        let replay = try ReplayProgram(expression: try QPYExpression.Expression(infix: "x*y + 1"),
                                       symbols: ["x": ParameterUUID(high: 0, low: 1), "y": ParameterUUID(high: 0, low: 2)]).bytes()
        for input in [[0] + Array(srepr.utf8), [1] + Array("amp*exp(-(t - duration/2)**2/(2*sigma**2))".utf8),
                      [2] + symengine, [3] + replay] {
            #expect(throws: Never.self) { try FuzzOracle.checkExpression(input) }
        }
    }

    @Test func sreprTokens_normaliseOnlyWhatThePrinterMayChange() {
        let canonical = SreprTokens.normalized("Add(Symbol('x'), Integer(7), Float('0.5', precision=53))")
        #expect(canonical != nil)
        #expect(SreprTokens.normalized("Add( Symbol(\"x\") ,Integer(007),Float('0.50'))") == canonical)
        #expect(SreprTokens.normalized("Add(Symbol('x'), Integer(8), Float('0.5', precision=53))") != canonical)
        #expect(SreprTokens.normalized("Add(Symbol('y'), Integer(7), Float('0.5', precision=53))") != canonical)
        #expect(SreprTokens.normalized("Add(Symbol('x'), Integer(7), Float('0.5', precision=54))") != canonical)
    }

    @Test func replayFolding_findsMixedLiteralPairs() throws {
        for (text, folds) in [("x + 1", false), ("1 + 2.0 + x", true), ("x + 1 + 2.0", false), ("1/2 + x", false),
                              ("2.0*(3 + x)", false), ("x*exp(1.0/(3 + I))", true), ("1 - 2.5", true), ("(1 + 2)*x", false)] {
            #expect(ReplayFolding.foldsMixedLiterals(try QPYExpression.Expression(infix: text)) == folds, "\(text)")
        }
    }

    @Test func zlibProbe_inflates() {
        let stream: [UInt8] = [0x78, 0x9C, 0x4B, 0x4C, 0x4A, 0x06, 0x00, 0x02, 0x4D, 0x01, 0x27]  // zlib.compress(b"abc")
        #expect(ZlibProbe.inflates(stream, to: Array("abc".utf8)))
        #expect(!ZlibProbe.inflates(stream, to: Array("abd".utf8)))
        #expect(!ZlibProbe.inflates(stream, to: Array("ab".utf8)))
    }
}
#endif
