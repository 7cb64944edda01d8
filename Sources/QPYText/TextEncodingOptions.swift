/// Options for writing `.qpyasm` text. The defaults give the canonical form (what `qpyconv fmt`
/// writes); other values give valid text that is not canonical.
public struct TextEncodingOptions: Sendable {
    /// Spaces per indentation level.
    public var indent: Int
    /// Waveform samples per line when a waveform is written over several lines.
    public var samplesPerLine: Int

    public init(indent: Int = 4, samplesPerLine: Int = 8) {
        self.indent = max(1, indent)
        self.samplesPerLine = max(1, samplesPerLine)
    }
}

/// The version of the `.qpyasm` format this build reads and writes (`qpyasm 1`).
public let qpyasmFormatVersion = 1
