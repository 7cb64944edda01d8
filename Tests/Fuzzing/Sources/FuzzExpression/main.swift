// libFuzzer entry point: expressions: input[0] & 3 selects srepr / infix / symengine / replay; the rest is the payload.
// The checks live in FuzzOracles (Tests/QPYConvTests/FuzzRegressionTests.swift); a violation
// stops the fuzzer with its message, and libFuzzer saves the input under FailCases/FuzzExpression/.
import FuzzOracles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = count == 0 ? [] : Array(UnsafeBufferPointer(start: start, count: count))
    do {
        try FuzzOracle.check(.expression, input)
    } catch {
        if !FuzzSuppressions.fromEnvironment.covers(error) { fatalError("FuzzExpression oracle violation \(error)") }
    }
    return 0
}
