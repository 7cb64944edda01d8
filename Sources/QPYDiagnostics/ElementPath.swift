/// Where an element sits in a nested binary structure, e.g.
/// `program 0 > instruction 14 > param 2`.
public struct ElementPath: Hashable, Sendable, CustomStringConvertible {
    /// The steps from the outermost element inwards.
    public private(set) var steps: [String]

    public init(_ steps: [String] = []) { self.steps = steps }

    /// This path extended by one step.
    public func appending(_ step: String) -> ElementPath {
        var copy = self
        copy.steps.append(step)
        return copy
    }

    public var description: String { steps.isEmpty ? "file" : steps.joined(separator: " > ") }
}
