// libFuzzer entry point: binary QPY (QPYFile(qpyBytes:)) -> IR -> QPY, and IR -> JSON -> IR.
// The checks live in FuzzOracles (Tests/QPYConvTests/FuzzRegressionTests.swift); a violation
// stops the fuzzer with its message, and libFuzzer saves the input under FailCases/FuzzQPY/.
import FuzzOracles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQPY(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = count == 0 ? [] : Array(UnsafeBufferPointer(start: start, count: count))
    do {
        try FuzzOracle.check(.qpy, input)
    } catch {
        if !FuzzSuppressions.fromEnvironment.covers(error) { fatalError("FuzzQPY oracle violation \(error)") }
    }
    return 0
}
