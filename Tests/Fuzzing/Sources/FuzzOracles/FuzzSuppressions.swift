#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Known violations to step over while fuzzing, so that one reported bug does not stop every run
/// at the same place. Read once from `QPYCONV_FUZZ_SUPPRESS`: entries separated by `;`, each
/// `CHECK` or `CHECK=TEXT` (the check identifier, and optionally text its message must contain),
/// e.g. `qpy.json-reread=several parameters are named;replay.flatten-tree`.
///
/// Only the fuzz harnesses consult this; the regression suite in QPYConvTests never does, so a
/// committed fail case keeps failing `make test` until it is fixed.
public struct FuzzSuppressions: Sendable {
    public var entries: [(check: String, text: String?)]

    public init(_ specification: String) {
        entries = specification.split(separator: ";").compactMap { entry in
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard let check = parts.first, !check.isEmpty else { return nil }
            return (check, parts.count > 1 ? parts[1] : nil)
        }
    }

    public static let fromEnvironment = FuzzSuppressions(getenv("QPYCONV_FUZZ_SUPPRESS").map { String(cString: $0) } ?? "")

    public func covers(_ violation: OracleViolation) -> Bool {
        entries.contains { $0.check == violation.check && ($0.text.map { violation.detail.contains($0) } ?? true) }
    }
}
