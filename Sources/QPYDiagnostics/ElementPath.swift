/// Where an element sits in a nested binary structure, e.g.
/// `program 0 > instruction 14 > param 2`.
///
/// Stored as a shared chain of steps, so that appending a step (done for every element read) is
/// one small allocation and no text is formatted until the path is shown.
public struct ElementPath: Hashable, Sendable, CustomStringConvertible {
    /// One step: a label, optionally followed by an index (`instruction 14`).
    @usableFromInline
    final class Step: Sendable {
        @usableFromInline let parent: Step?
        @usableFromInline let label: String
        /// `Int.min` when the step has no index.
        @usableFromInline let index: Int

        @inlinable
        init(parent: Step?, label: String, index: Int) {
            self.parent = parent
            self.label = label
            self.index = index
        }

        var text: String { index == Int.min ? label : "\(label) \(index)" }
    }

    @usableFromInline var last: Step?

    public init(_ steps: [String] = []) {
        last = nil
        for step in steps { last = Step(parent: last, label: step, index: Int.min) }
    }

    @inlinable
    init(last: Step?) { self.last = last }

    /// The steps from the outermost element inwards.
    public var steps: [String] {
        var result: [String] = []
        var step = last
        while let current = step {
            result.append(current.text)
            step = current.parent
        }
        return result.reversed()
    }

    /// This path extended by one step.
    @inlinable
    public func appending(_ step: String) -> ElementPath {
        ElementPath(last: Step(parent: last, label: step, index: Int.min))
    }

    /// This path extended by the step `label index` (formatted only when the path is shown).
    @inlinable
    public func appending(_ label: String, _ index: Int) -> ElementPath {
        ElementPath(last: Step(parent: last, label: label, index: index))
    }

    /// This path as if `step` had been appended to `outer` when it was made: the step goes right
    /// after `outer`'s steps when this path starts with them; `nil` when it does not (a path
    /// from elsewhere). For steps added to an error's path only when one is thrown.
    public func inserting(_ step: @autoclosure () -> String, after outer: ElementPath) -> ElementPath? {
        let prefix = outer.steps
        var steps = self.steps
        guard steps.starts(with: prefix) else { return nil }
        steps.insert(step(), at: prefix.count)
        return ElementPath(steps)
    }

    public static func == (lhs: ElementPath, rhs: ElementPath) -> Bool {
        lhs.last === rhs.last || lhs.steps == rhs.steps
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(steps) }

    public var description: String { last == nil ? "file" : steps.joined(separator: " > ") }
}
