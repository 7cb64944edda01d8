import ArgumentParser
import QPYConv

/// `qpyconv IN OUT`: convert a file between formats; `qpyconv convert DIR --to FORMAT`: a tree of files.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a file between formats (the default command: qpyconv IN OUT), or a tree: convert DIR --to FORMAT.",
        discussion: """
            Formats are inferred from the extensions (.qpy, .qpy.gz, .json, .yaml/.yml, .qpyasm); --from and --to override \
            them. '-' reads standard input or writes standard output. With no --qpy-version, QPY \
            output reproduces the input's bytes. Output is written in full to an unnamed temporary \
            file beside the target and linked into place only when the whole conversion \
            succeeded: a failed or killed run leaves no output file and an existing one untouched. \
            The input is never overwritten.

            With a directory INPUT (qpyconv convert DIR --to FORMAT [--out DIR]) every file below \
            it whose extension names another format is converted, each written atomically beside \
            its input or in the mirrored tree under --out; hidden files and folders are skipped. \
            Progress goes to standard error, then a summary listing every failure with its \
            message; the exit status is 65 if any file failed.

            \(ExitStatus.documentation)
            """
    )

    @Argument(help: "The input file, or - for standard input.")
    var input: String

    @Argument(help: "The output file, or - for standard output (omitted when INPUT is a directory).")
    var output: String?

    @Option(name: .customLong("out"), help: ArgumentHelp(
        "With a directory INPUT: write the converted files to this directory, mirroring the tree (default: beside the inputs).",
        valueName: "DIR"))
    var outputDirectory: String?

    @Option(help: "The input format (qpy, qpy.gz, json, yaml, qpyasm); inferred from the extension or content when omitted.")
    var from: FileFormat?

    @Option(help: "The output format (qpy, qpy.gz, json, yaml, qpyasm); inferred from the extension when omitted.")
    var to: FileFormat?

    @Option(name: .customLong("qpy-version"), help: "The QPY version to write (default: the input's).")
    var qpyVersion: Int?

    @Option(name: .customLong("drop-calibrations"), help: ArgumentHelp(
        "Remove circuit pulse calibrations from the output and write them to FILE (any format), e.g. to write QPY 18, which cannot hold them.",
        valueName: "FILE"))
    var dropCalibrations: String?

    /// Whether INPUT names a directory (batch conversion).
    var isBatch: Bool {
        input != "-" && BatchConversion.isDirectory(input)
    }

    func validate() throws {
        if isBatch {
            if to == nil { throw ValidationError("Converting a directory needs --to FORMAT.") }
            if output != nil { throw ValidationError("With a directory input, give the output directory as --out DIR.") }
            if dropCalibrations != nil { throw ValidationError("--drop-calibrations works on one file, not a directory.") }
            if let qpyVersion, !(1...18).contains(qpyVersion) { throw ValidationError("--qpy-version must be between 1 and 18.") }
            return
        }
        if outputDirectory != nil { throw ValidationError("--out is for a directory input; for one file give OUTPUT.") }
        guard let output else { throw ValidationError("Missing expected argument '<output>'.") }
        if input != "-", CommandIO.sameFile(input, output) {
            throw ValidationError("The input and output are the same file; choose another output.")
        }
        if to == nil, output == "-" || FileFormat.inferred(fromPath: output) == nil {
            throw ValidationError("Cannot tell the output format from '\(output)'; add --to qpy|qpy.gz|json|yaml|qpyasm.")
        }
        if let qpyVersion, !(1...18).contains(qpyVersion) { throw ValidationError("--qpy-version must be between 1 and 18.") }
        if let dropCalibrations {
            if dropCalibrations == "-" || FileFormat.inferred(fromPath: dropCalibrations) == nil {
                throw ValidationError("Cannot tell the format of the calibrations file '\(dropCalibrations)'; use a .qpy, .qpy.gz, .json, .yaml or .qpyasm name.")
            }
            if CommandIO.sameFile(dropCalibrations, input) || CommandIO.sameFile(dropCalibrations, output) {
                throw ValidationError("The calibrations file must differ from the input and the output.")
            }
        }
    }

    func run() throws {
        if isBatch { return try runBatch() }
        let output = output!
        let bytes = try CommandIO.read(input)
        guard let inputFormat = from ?? (input == "-" ? nil : FileFormat.inferred(fromPath: input)) ?? FileFormat.sniffed(from: bytes) else {
            printError("error: cannot tell the format of '\(input)'; add --from qpy|qpy.gz|json|yaml|qpyasm")
            throw ExitStatus.usage
        }
        let outputFormat = to ?? FileFormat.inferred(fromPath: output)!
        do {
            let options = Converter.WriteOptions(qpyVersion: qpyVersion)
            let name = input == "-" ? "<stdin>" : input
            if inputFormat == .qpyasm, outputFormat == .qpyasm, dropCalibrations == nil, qpyVersion == nil {
                // Formatted from its text (comments kept); the formatting reads the text with the
                // same decoder, checks and errors as any other .qpyasm input.
                try CommandIO.commit([(try Converter.formattedQPYAsm(bytes, name: name), output)])
                return
            }
            // The input's bytes are let go once decoded (`consume`): a large input and its
            // converted output are not held at once.
            var file = try Converter.read(consume bytes, as: inputFormat, name: name)
            var calibrations: [UInt8]?
            if let dropCalibrations {
                let (stripped, holders) = Converter.splittingCalibrations(file)
                file = stripped
                if let holders {
                    calibrations = try Converter.write(holders, as: FileFormat.inferred(fromPath: dropCalibrations)!)
                }
            }
            if outputFormat == .json || outputFormat == .qpyasm, output != "-", calibrations == nil {
                try CommandIO.commitStreamed(to: output) { emit throws(ConversionError) in
                    try Converter.write(file, as: outputFormat, options: options, chunkSize: CommandIO.chunkSize, emit: emit)
                }
                ProcessLifetime.keepUntilExit(file)
                return
            }
            let converted = try Converter.write(file, as: outputFormat, options: options)
            // Both outputs are written in full before either appears.
            var outputs = [(bytes: converted, path: output)]
            if let calibrations, let dropCalibrations { outputs.insert((calibrations, dropCalibrations), at: 0) }
            try CommandIO.commit(outputs)
            ProcessLifetime.keepUntilExit(file)
        } catch let error as ConversionError {
            printError(error.diagnostic)
            throw error.kind == .usage ? ExitStatus.usage : ExitStatus.dataError
        }
    }

    /// Converts a directory tree; exits 65 when any file failed, after listing them all.
    func runBatch() throws {
        let batch = BatchConversion(input: input, output: outputDirectory, from: from, to: to!,
                                    options: Converter.WriteOptions(qpyVersion: qpyVersion))
        let (total, failures) = batch.run()
        printError("converted \(total - failures.count) of \(total) files to \(to!.rawValue)"
                   + (failures.isEmpty ? "" : "; \(failures.count) failed:"))
        for (path, message) in failures { printError("  " + (message.hasPrefix(path + ":") ? message : "\(path): \(message)")) }
        if !failures.isEmpty { throw ExitStatus.dataError }
    }
}

extension FileFormat: ExpressibleByArgument {}
