/// Values the command keeps until the process exits, so that a large model goes back to the
/// system in one piece at exit instead of being freed object by object when `run()` returns
/// (for a 100,000-gate circuit that teardown alone took about 5 ms).
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `value` alive until the process exits.
    static func keepUntilExit(_ value: Any) {
        kept.append(value)
    }
}
