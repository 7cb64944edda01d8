// QPYConvBenchmarks: in-process timings of qpyconv's conversions, per stage, on the QPY files in
// Inputs/ (made by generate_inputs.py). Plain harness: each measurement runs until it has
// --runs samples or has used --budget seconds (at least --min-runs samples, or one sample when a
// single run takes longer than half the budget), and reports the median, min and max.
//
//   QPYConvBenchmarks [--inputs DIR] [--out FILE.json] [--runs N] [--min-runs N] [--budget S]
//                     [--cap S] [--scaling FILE.qpy,...] [FILE.qpy ...]
//
// Files named as arguments get every stage; files after --scaling get only decode, QPY -> JSON
// and JSON -> QPY (the scaling series), in the order given (smallest first): a stage whose CPU
// time, extrapolated from the previous sizes, would exceed --cap seconds (default 60) is skipped
// and recorded as such. With no file arguments: every *.qpy in --inputs, scale_*
// files as scaling. With no arguments at all and QPYCONV_BENCH_DRIVER unset (that is, from
// `swift run QPYConvBenchmarks`, what `make bench` runs), it hands over to ./run.sh, which builds,
// generates the inputs, runs this harness, the Qiskit timings and the whole-process timings, and
// writes RESULTS.md.
//
// Stages (all on bytes already in memory, no file I/O):
//   decode      Converter.read(qpy)                 the model from QPY bytes
//   encodeJSON  Converter.write(model, .json)
//   qpyToJSON   read(qpy) + write(.json)
//   decodeJSON  Converter.read(json)
//   encodeQPY   Converter.write(model, .qpy)
//   jsonToQPY   read(json) + write(.qpy)
//   encodeText / qpyToText / decodeText / textToQPY   the same for .qpyasm, where the build has
//               that format and it holds the program (pulse schedules only so far)

import Foundation
import QPYConv

// MARK: - Options

struct Options {
    var inputs: String
    var out: String?
    var runs = 7
    var minRuns = 3
    var budget = 4.0
    var cap = 60.0
    var full: [String] = []
    var scaling: [String] = []
}

let benchmarkDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("QPYConvBenchmarks: \(message)\n".utf8))
    exit(64)
}

func parseOptions() -> Options {
    var options = Options(inputs: benchmarkDirectory.appendingPathComponent("Inputs").path)
    var arguments = CommandLine.arguments.dropFirst()
    func value(_ flag: String) -> String {
        guard let next = arguments.popFirst() else { fail("\(flag) needs a value") }
        return next
    }
    func number<T: LosslessStringConvertible>(_ flag: String) -> T {
        guard let parsed = T(value(flag)) else { fail("\(flag): not a number") }
        return parsed
    }
    var explicitFiles = false
    while let argument = arguments.popFirst() {
        switch argument {
        case "--inputs": options.inputs = value(argument)
        case "--out": options.out = value(argument)
        case "--runs": options.runs = number(argument)
        case "--min-runs": options.minRuns = number(argument)
        case "--budget": options.budget = number(argument)
        case "--cap": options.cap = number(argument)
        case "--scaling":
            options.scaling += value(argument).split(separator: ",").map(String.init)
            explicitFiles = true
        case "-h", "--help":
            print("usage: QPYConvBenchmarks [--inputs DIR] [--out FILE.json] [--runs N] [--min-runs N] [--budget S] [--cap S] [--scaling F,...] [FILE ...]")
            exit(0)
        default:
            if argument.hasPrefix("-") { fail("unknown option \(argument)") }
            options.full.append(argument)
            explicitFiles = true
        }
    }
    if !explicitFiles {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: options.inputs)) ?? [])
            .filter { $0.hasSuffix(".qpy") && !$0.contains("_profile") }.sorted()
        if names.isEmpty { fail("no .qpy files in \(options.inputs): run ./run.sh (or generate_inputs.py) first") }
        options.full = names.filter { !$0.hasPrefix("scale_") }
        options.scaling = names.filter { $0.hasPrefix("scale_") }
    }
    return options
}

// MARK: - `swift run QPYConvBenchmarks` with no arguments: hand over to run.sh

if CommandLine.arguments.count == 1, ProcessInfo.processInfo.environment["QPYCONV_BENCH_DRIVER"] == nil {
    let script = benchmarkDirectory.appendingPathComponent("run.sh").path
    FileHandle.standardError.write(Data("QPYConvBenchmarks: no arguments, running \(script)\n".utf8))
    let argv: [String] = ["/bin/bash", script]
    var cArguments = argv.map { strdup($0) } + [nil]
    execv("/bin/bash", &cArguments)
    fail("cannot run \(script): \(String(cString: strerror(errno)))")
}

let options = parseOptions()

// MARK: - Timing

/// Keeps results alive so that nothing measured can be optimised away.
nonisolated(unsafe) var sink = 0

struct Sample: Encodable {
    var medianSeconds: Double
    var minSeconds: Double
    var maxSeconds: Double
    /// Median CPU time of the process (user + system) per run: less sensitive than wall time to
    /// other work on a shared machine.
    var medianCPUSeconds: Double
    var runs: Int
}

func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ duration: Swift.Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

func measure(_ label: String, _ body: () throws -> Int) rethrows -> Sample {
    let clock = ContinuousClock()
    var times: [Double] = []
    var cpu: [Double] = []
    let start = clock.now
    while true {
        let c0 = cpuSeconds()
        let t0 = clock.now
        sink &+= try body()
        times.append(seconds(clock.now - t0))
        cpu.append(cpuSeconds() - c0)
        let used = seconds(clock.now - start)
        if times.count >= options.runs { break }
        if times.count == 1, times[0] > options.budget / 2 { break }
        if times.count >= options.minRuns, used >= options.budget { break }
    }
    let sorted = times.sorted()
    let wall = median(times)
    let cpuMedian = median(cpu)
    FileHandle.standardError.write(Data(String(format: "  %@ %10.2f ms  (n=%d, min %.2f, max %.2f; CPU %.2f ms)\n",
                                               label.padding(toLength: 12, withPad: " ", startingAt: 0) as NSString, wall * 1e3, sorted.count,
                                               sorted[0] * 1e3, sorted[sorted.count - 1] * 1e3, cpuMedian * 1e3).utf8))
    return Sample(medianSeconds: wall, minSeconds: sorted[0], maxSeconds: sorted[sorted.count - 1], medianCPUSeconds: cpuMedian, runs: sorted.count)
}

// MARK: - Inputs

struct Counts {
    var programs = 0
    var kind = ""
    var instructions = 0
    var calibrations = 0
    var calibrationInstructions = 0
}

func countInstructions(_ block: ScheduleBlock) -> Int {
    block.elements.reduce(0) { total, element in
        switch element {
        case .block(let nested): return total + countInstructions(nested)
        case .instruction: return total + 1
        }
    }
}

func counts(_ file: QPYFile) -> Counts {
    var result = Counts(programs: file.programs.count, kind: file.programs.kindName)
    switch file.programs {
    case .circuits(let circuits):
        for circuit in circuits {
            result.instructions += circuit.instructions.count
            result.calibrations += circuit.calibrations.count
            result.calibrationInstructions += circuit.calibrations.reduce(0) { $0 + countInstructions($1.schedule) }
        }
    case .scheduleBlocks(let blocks):
        result.instructions = blocks.reduce(0) { $0 + countInstructions($1) }
    }
    return result
}

struct FileResult: Encodable {
    var file: String
    var mode: String
    var qpyVersion: Int
    var kind: String
    var programs: Int
    var instructions: Int
    var calibrations: Int
    var calibrationInstructions: Int
    var qpyBytes: Int
    var jsonBytes: Int?
    var textBytes: Int?
    var textSkipped: String?
    var jsonRoundTripIdentical: Bool?
    var textRoundTripIdentical: Bool?
    var stages: [String: Sample]
    var skippedStages: [String: String]
}

struct Report: Encodable {
    var tool = "QPYConvBenchmarks"
    var date: String
    var host: String
    var processors: Int
    var options: [String: String]
    var textFormat: String?
    var results: [FileResult]
}

/// The .qpyasm format, when this build of qpyconv has it (looked up at run time, so that the
/// harness builds against versions with and without it).
let textFormat = FileFormat.inferred(fromPath: "x.qpyasm")

/// Scaling series: the median CPU time each stage took at the previous sizes, to skip a stage
/// whose projected CPU time at the next size exceeds --cap (a super-linear stage would otherwise
/// take the whole run). Projection: linear from the last size, or quadratic when the last step
/// already grew faster than linearly (CPU-time exponent above 1.1): a quadratic term that shows
/// at all between 10^4 and 10^5 dominates at 10^6.
nonisolated(unsafe) var history: [String: [(size: Int, seconds: Double)]] = [:]

func projected(_ stage: String, size: Int) -> Double? {
    guard let past = history[stage], let last = past.last else { return nil }
    let ratio = Double(size) / Double(last.size)
    guard past.count >= 2 else { return last.seconds * ratio }
    let before = past[past.count - 2]
    let exponent = log(last.seconds / before.seconds) / log(Double(last.size) / Double(before.size))
    return last.seconds * pow(ratio, exponent > 1.1 ? 2 : 1)
}

func bench(_ name: String, full: Bool) throws -> FileResult {
    let path = name.hasPrefix("/") ? name : options.inputs + "/" + name
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    let qpy = Array(data)
    FileHandle.standardError.write(Data("\(name) (\(qpy.count) bytes)\n".utf8))
    let model = try Converter.read(qpy, as: .qpy, name: name)
    let c = counts(model)
    var stages: [String: Sample] = [:]
    var skipped: [String: String] = [:]

    func skip(_ stage: String, _ reason: String) {
        FileHandle.standardError.write(Data("  \(stage.padding(toLength: 12, withPad: " ", startingAt: 0)) skipped: \(reason)\n".utf8))
        skipped[stage] = reason
    }

    /// Measures `stage` unless the scaling projection says it would take longer than --cap.
    func run(_ stage: String, _ body: () throws -> Int) rethrows {
        if !full, let guess = projected(stage, size: max(c.instructions, 1)), guess > options.cap {
            skip(stage, String(format: "projected %.0f s of CPU at this size (from the previous sizes) > --cap %.0f s", guess, options.cap))
            return
        }
        let sample = try measure(stage, body)
        stages[stage] = sample
        if !full { history[stage, default: []].append((max(c.instructions, 1), sample.medianCPUSeconds)) }
    }

    var jsonIdentical: Bool?
    var json: [UInt8]?
    try run("decode") { try Converter.read(qpy, as: .qpy).programs.count }
    if full { try run("encodeJSON") { try Converter.write(model, as: .json).count } }
    try run("qpyToJSON") {
        let out = try Converter.write(Converter.read(qpy, as: .qpy), as: .json)
        json = out
        return out.count
    }
    if json == nil, full || stages["qpyToJSON"] != nil {
        json = try Converter.write(model, as: .json)
    }
    if let json {
        if full {
            try run("decodeJSON") { try Converter.read(json, as: .json).programs.count }
            try run("encodeQPY") { try Converter.write(model, as: .qpy).count }
        }
        try run("jsonToQPY") {
            let out = try Converter.write(Converter.read(json, as: .json), as: .qpy)
            jsonIdentical = out == qpy
            return out.count
        }
    } else {
        skip("jsonToQPY", "needs the JSON, and QPY -> JSON was skipped at this size")
    }

    var textBytes: Int?
    var textSkipped: String?
    var textIdentical: Bool?
    if full {
        if let textFormat {
            do {
                let text = try Converter.write(model, as: textFormat)
                textBytes = text.count
                try run("encodeText") { try Converter.write(model, as: textFormat).count }
                try run("qpyToText") { try Converter.write(Converter.read(qpy, as: .qpy), as: textFormat).count }
                try run("decodeText") { try Converter.read(text, as: textFormat).programs.count }
                try run("textToQPY") {
                    let out = try Converter.write(Converter.read(text, as: textFormat), as: .qpy)
                    textIdentical = out == qpy
                    return out.count
                }
            } catch {
                textSkipped = "\(error)"
                FileHandle.standardError.write(Data("  text: skipped (\(error))\n".utf8))
            }
        } else {
            textSkipped = "this build of qpyconv has no .qpyasm format"
        }
    }
    return FileResult(file: name, mode: full ? "full" : "scaling", qpyVersion: Int(qpy[6]), kind: c.kind,
                      programs: c.programs, instructions: c.instructions, calibrations: c.calibrations,
                      calibrationInstructions: c.calibrationInstructions, qpyBytes: qpy.count, jsonBytes: json?.count,
                      textBytes: textBytes, textSkipped: textSkipped, jsonRoundTripIdentical: jsonIdentical,
                      textRoundTripIdentical: textIdentical, stages: stages, skippedStages: skipped)
}

// MARK: - Main

var results: [FileResult] = []
do {
    for name in options.full { results.append(try bench(name, full: true)) }
    for name in options.scaling { results.append(try bench(name, full: false)) }
} catch {
    fail("\(error)")
}

let formatter = ISO8601DateFormatter()
var host = [CChar](repeating: 0, count: 256)
gethostname(&host, host.count)
let report = Report(
    date: formatter.string(from: Date()),
    host: String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
    processors: ProcessInfo.processInfo.activeProcessorCount,
    options: ["runs": "\(options.runs)", "minRuns": "\(options.minRuns)", "budgetSeconds": "\(options.budget)",
              "capSeconds": "\(options.cap)"],
    textFormat: textFormat?.rawValue,
    results: results
)
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
let encoded = try encoder.encode(report)
if let out = options.out {
    FileManager.default.createFile(atPath: out, contents: encoded)
} else {
    FileHandle.standardOutput.write(encoded)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
if sink == 42 { print("") }  // uses the sink
