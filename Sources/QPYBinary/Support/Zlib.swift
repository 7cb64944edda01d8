internal import CZlib

/// zlib streams, through the system library (Debian `zlib1g-dev`), compressed the way Python's
/// `zlib.compress(data)` does (default level, 15-bit window, memory level 8).
enum Zlib {
    /// Compresses `bytes` at zlib's default level.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var destinationLength = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(destinationLength))
        let status = bytes.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                compress2(destination.baseAddress, &destinationLength, source.baseAddress, uLong(source.count), Z_DEFAULT_COMPRESSION)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        output.removeSubrange(Int(destinationLength)...)
        return output
    }

    /// Why a zlib stream could not be inflated.
    enum InflateError: Error {
        case malformed(String)
        case tooLarge(limit: Int)
        case trailingBytes
    }

    /// Inflates one complete zlib stream, refusing output larger than `limit` bytes and bytes after
    /// the end of the stream.
    static func decompress(_ bytes: [UInt8], limit: Int) throws(InflateError) -> [UInt8] {
        try inflate(bytes, windowBits: 15, limit: limit)
    }

    /// Inflates a gzip stream (`.qpy.gz`).
    static func gunzip(_ bytes: [UInt8], limit: Int) throws(InflateError) -> [UInt8] {
        try inflate(bytes, windowBits: 16 + 15, limit: limit)
    }

    /// Gzip-compresses bytes at the default level (no name, zero timestamp: deterministic).
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination -> Int in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "zlib deflate failed with status \(status)")
                return destination.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    private static func inflate(_ bytes: [UInt8], windowBits: Int32, limit: Int) throws(InflateError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .malformed("zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        let result: Result<Void, InflateError> = input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { destination -> (Int32, Int) in
                    stream.next_out = destination.baseAddress
                    stream.avail_out = uInt(destination.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, destination.count - Int(stream.avail_out))
                }
                if output.count + produced > limit { return .failure(.tooLarge(limit: limit)) }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    return stream.avail_in == 0 ? .success(()) : .failure(.trailingBytes)
                case Z_OK:
                    if produced == 0 && stream.avail_in == 0 { return .failure(.malformed("the zlib stream is truncated")) }
                case Z_BUF_ERROR:
                    return .failure(.malformed("the zlib stream is truncated"))
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    return .failure(.malformed("malformed zlib stream: \(message)"))
                }
            }
        }
        try result.get()
        return output
    }
}
