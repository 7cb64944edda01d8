extension ParameterUUID {
    /// The UUID `offset` above this one (128-bit, wrapping), as Qiskit numbers vector elements:
    /// element `i` of a vector has the vector's root UUID plus `i`.
    public func advanced(by offset: UInt64) -> ParameterUUID {
        let (low, carry) = low.addingReportingOverflow(offset)
        return ParameterUUID(high: high &+ (carry ? 1 : 0), low: low)
    }

    /// The UUID `offset` below this one (128-bit, wrapping).
    public func retreated(by offset: UInt64) -> ParameterUUID {
        let (low, borrow) = low.subtractingReportingOverflow(offset)
        return ParameterUUID(high: high &- (borrow ? 1 : 0), low: low)
    }
}
