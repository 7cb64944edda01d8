import Foundation

/// The committed real-Qiskit fixture files under `Tests/Fixtures`.
enum FixtureFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Every `.qpy` file below `Tests/Fixtures/<folder>`, as paths relative to `Tests/Fixtures`, sorted.
    static func qpyFiles(in folder: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            if path.hasSuffix(".qpy") { files.append(folder + "/" + path) }
        }
        return files.sorted()
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relative)))
    }
}
