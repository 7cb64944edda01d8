/// A waveform pulse: explicit complex samples.
public struct Waveform: Hashable, Sendable {
    public var samples: [ComplexSample]
    /// The clipping tolerance, as QPY stores it (binary32).
    public var epsilon: Float
    public var limitAmplitude: Bool
    public var name: String?
    /// Storage details of the `.npy` sample payload.
    public var storage: NumpyStorage

    public init(samples: [ComplexSample], epsilon: Float = 1e-7, limitAmplitude: Bool = true, name: String? = nil,
                storage: NumpyStorage = NumpyStorage()) {
        self.samples = samples
        self.epsilon = epsilon
        self.limitAmplitude = limitAmplitude
        self.name = name
        self.storage = storage
    }

    public static func == (lhs: Waveform, rhs: Waveform) -> Bool {
        lhs.samples == rhs.samples && lhs.epsilon.bitPattern == rhs.epsilon.bitPattern
            && lhs.limitAmplitude == rhs.limitAmplitude && lhs.name == rhs.name && lhs.storage == rhs.storage
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(samples)
        hasher.combine(epsilon.bitPattern)
        hasher.combine(limitAmplitude)
        hasher.combine(name)
    }
}

/// One complex sample, bits kept.
public struct ComplexSample: Hashable, Sendable {
    public var real: Double
    public var imaginary: Double

    public init(_ real: Double, _ imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }

    public static func == (lhs: ComplexSample, rhs: ComplexSample) -> Bool {
        lhs.real.bitPattern == rhs.real.bitPattern && lhs.imaginary.bitPattern == rhs.imaginary.bitPattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(real.bitPattern)
        hasher.combine(imaginary.bitPattern)
    }
}

/// How a `.npy` payload was laid out, kept only where it differs from what numpy writes today.
public struct NumpyStorage: Hashable, Sendable {
    /// The header text (dictionary and padding) as written, when it is not the current numpy layout.
    public var headerText: String?

    public init(headerText: String? = nil) { self.headerText = headerText }
}
