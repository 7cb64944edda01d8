import QPYExpression

extension ParameterUUID {
    /// The UUID qpyconv gives a parameter written by hand without one: the same name always gives
    /// the same UUID, so converting a hand-written file twice gives the same bytes.
    ///
    /// The algorithm is FNV-1a (64-bit prime) over `"qpyconv:" + name` in UTF-8, run as two mixed
    /// lanes, with the RFC 4122 variant bits and version 8 set.
    public static func derived(fromName name: String) -> ParameterUUID {
        var high: UInt64 = 0xCBF2_9CE4_8422_2325
        var low: UInt64 = 0x8422_2325_CBF2_9CE4
        for byte in Array("qpyconv:".utf8) + Array(name.utf8) {
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 ^ high.rotatedLeft(by: 13)
        }
        high = (high & ~0xF000) | 0x8000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return ParameterUUID(high: high, low: low)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
