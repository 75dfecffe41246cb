import Foundation

/// An input read whole, once: the bytes a run parses are the bytes it hashes into a manifest,
/// even when the file changes during the run or is a pipe that can be read only once.
public struct InputFile: Sendable {
    public var path: String
    public var data: Data
    /// False for standard input, a FIFO or a device: what was read cannot be read again.
    public var isRegular: Bool

    /// SHA-256 of the bytes read, lower-case hex.
    public var sha256: String { SHA256.hex(data) }

    /// The most any input is read into memory by default: far above a history of 30 million
    /// intervals, far below an endless device (`/dev/zero`, `/dev/urandom`) read until memory runs out.
    public static let defaultMaximumBytes = 1 << 30

    /// Reads all of `path` (`-` or `/dev/stdin` is standard input), at most `maximumBytes`.
    /// - Throws: ``CoreError/missingInput(path:reason:)`` when it is missing, unreadable or a
    ///   directory, with the same words as the streaming reader; ``CoreError/badFile(path:_:)``
    ///   when it holds more than `maximumBytes`. A FIFO without a writer fails after
    ///   `fifoWriterWaitSeconds` (10 by default).
    public static func read(_ path: String, maximumBytes: Int = defaultMaximumBytes, fifoWriterWaitSeconds: Int = 10)
        throws(CoreError) -> InputFile
    {
        let source = path == "-" ? "/dev/stdin" : path
        var status = stat()
        guard stat(source, &status) == 0 else {
            let code = errno
            throw .missingInput(path: path, reason: code == ENOENT ? "no such file" : String(cString: strerror(code)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw .missingInput(path: path, reason: "is a directory, not a file")
        }
        var data = Data()
        let descriptor: Int32
        if (status.st_mode & S_IFMT) == S_IFIFO {
            // A pipe nobody writes to fails after a wait instead of blocking for ever.
            let opened = try FIFOInput.open(source, name: path, waitSeconds: fifoWriterWaitSeconds)
            descriptor = opened.descriptor
            data.append(contentsOf: opened.prefix)
        } else {
            descriptor = open(source, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .missingInput(path: path, reason: String(cString: strerror(errno))) }
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .missingInput(path: path, reason: "read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            guard data.count + count <= maximumBytes else {
                let bound = maximumBytes >= 1 << 20 ? "\(maximumBytes >> 20) MiB" : "\(maximumBytes) bytes"
                throw .badFile(
                    path: path, "holds more than \(bound); an input this large is not a plan's (an endless device?)")
            }
            data.append(contentsOf: buffer[0..<count])
        }
        return InputFile(path: path, data: data, isRegular: (status.st_mode & S_IFMT) == S_IFREG)
    }
}
