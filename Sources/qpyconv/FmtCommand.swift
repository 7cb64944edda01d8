import ArgumentParser
import QPYConv

/// `qpyconv fmt FILE [--check]`: rewrite a `.qpyasm` file in canonical form.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite a .qpyasm file in canonical form, keeping its comments.",
        discussion: """
            The canonical form is what qpyconv writes: declarations first, one statement per line, \
            4-space indentation, standard pulse shapes by name. Comments stay with the statement \
            they precede (or end the line of). The file is replaced atomically, and only when it \
            changes. With --check nothing is written: the command prints what would change and \
            exits 1 if the file is not in canonical form. '-' reads standard input and writes \
            the canonical text to standard output.

            Exit codes: 0 success (with --check: already canonical); 1 (--check) the file would \
            change; 64 bad command line; 65 malformed input data; 66 cannot open input; 73 cannot \
            create output; 74 I/O error.
            """
    )

    @Argument(help: "The .qpyasm file, or - for standard input.")
    var file: String

    @Flag(help: "Do not write; exit 1 if the file is not in canonical form, printing the lines that would change.")
    var check = false

    func run() throws {
        let bytes = try CommandIO.read(file)
        let formatted: [UInt8]
        do {
            formatted = try Converter.formattedQPYAsm(bytes, name: file == "-" ? "<stdin>" : file)
        } catch {
            printError(error.diagnostic)
            throw ExitStatus.dataError
        }
        if check {
            guard formatted != bytes else { return }
            print(Self.changeSummary(file: file, old: bytes, new: formatted), terminator: "")
            throw ExitCode(1)
        }
        if file == "-" {
            try CommandIO.write(formatted, to: "-")
        } else if formatted != bytes {
            try CommandIO.write(formatted, to: file)
        }
    }

    /// `FILE: not in canonical form` and the differing region of lines as a unified hunk.
    static func changeSummary(file: String, old: [UInt8], new: [UInt8], maximumLines: Int = 20) -> String {
        func lines(_ bytes: [UInt8]) -> [String] {
            var result = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if result.last == "" { result.removeLast() }
            return result
        }
        let before = lines(old)
        let after = lines(new)
        var prefix = 0
        while prefix < before.count, prefix < after.count, before[prefix] == after[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < before.count - prefix, suffix < after.count - prefix,
              before[before.count - 1 - suffix] == after[after.count - 1 - suffix] { suffix += 1 }
        let removed = Array(before[prefix..<(before.count - suffix)])
        let added = Array(after[prefix..<(after.count - suffix)])
        var out = "\(file == "-" ? "<stdin>" : file): not in canonical form\n"
        out += "@@ -\(prefix + 1),\(removed.count) +\(prefix + 1),\(added.count) @@\n"
        for (sign, group) in [("-", removed), ("+", added)] {
            for line in group.prefix(maximumLines) { out += sign + line + "\n" }
            if group.count > maximumLines { out += "\(sign)… (\(group.count - maximumLines) more lines)\n" }
        }
        return out
    }
}
