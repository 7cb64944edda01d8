import Testing

@Suite struct ExprCommandTests {
    @Test func sreprToInfix() throws {
        let result = try CommandRunner.run(["expr", "--from", "srepr", "Add(Symbol('x'), Mul(Integer(-2), Symbol('y')))"])
        #expect(result.status == 0)
        #expect(result.stdoutText == "x - 2*y\n")
    }

    @Test func symengineHex_roundTrips() throws {
        let hex = "0100000d000100008023000000020000800d00000000010000000000000078"
        let srepr = try CommandRunner.run(["expr", "--from", "symengine", "--to", "srepr", hex])
        #expect(srepr.stdoutText == "sin(Symbol('x'))\n")
        let back = try CommandRunner.run(["expr", "--from", "srepr", "--to", "symengine", "sin(Symbol('x'))"])
        #expect(back.stdoutText == hex + "\n")
    }

    @Test func evalAndSample_printJSON() throws {
        let value = try CommandRunner.run(["expr", "--eval", "--set", "x=0.5", "--set", "y=2", "x*y + I"])
        #expect(value.stdoutText == "[1.0, 1.0]\n")
        let samples = try CommandRunner.run(["expr", "--sample", "3", "t"])
        #expect(samples.stdoutText == "[[0.5, 0.0], [1.5, 0.0], [2.5, 0.0]]\n")
    }

    @Test func syntaxError_exits65WithCaret() throws {
        let result = try CommandRunner.run(["expr", "sin(x"])
        #expect(result.status == 65)
        #expect(result.stderr == "expression:1:6: error: expected ',' or ')' in the argument list opened at column 4\nsin(x\n     ^\n")
    }

    @Test func unboundSymbol_exits65() throws {
        let result = try CommandRunner.run(["expr", "--eval", "2*sigma"])
        #expect(result.status == 65)
        #expect(result.stderr == "expression: error: symbol 'sigma' has no value\n")
    }

    @Test func conflictingOptions_exit64() throws {
        let result = try CommandRunner.run(["expr", "--eval", "--sample", "2", "x"])
        #expect(result.status == 64)
    }
}
