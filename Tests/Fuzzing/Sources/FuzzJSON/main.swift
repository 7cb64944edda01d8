// libFuzzer entry point: qpyconv JSON (QPYFile(jsonUTF8:)) -> IR -> JSON, and IR -> QPY -> IR.
// The checks live in FuzzOracles (Tests/QPYConvTests/FuzzRegressionTests.swift); a violation
// stops the fuzzer with its message, and libFuzzer saves the input under FailCases/FuzzJSON/.
import FuzzOracles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = count == 0 ? [] : Array(UnsafeBufferPointer(start: start, count: count))
    do {
        try FuzzOracle.check(.json, input)
    } catch {
        if !FuzzSuppressions.fromEnvironment.covers(error) { fatalError("FuzzJSON oracle violation \(error)") }
    }
    return 0
}
