import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Opens a named pipe (FIFO) for reading without hanging when nothing writes to it.
///
/// `open(2)` of a FIFO blocks until a writer opens it, so a history path pointing at a pipe no
/// process feeds would stall a cron job for ever. The pipe is opened without blocking and probed:
/// data or a connected writer means it is read like any pipe (a slow writer is waited for, as
/// with any pipe); no writer means waiting `waitSeconds` for one to connect and write, then
/// failing with a message that says so.
enum FIFOInput {
    /// The descriptor, switched back to blocking reads, and the bytes the probe read.
    /// - Throws: ``CoreError/missingInput(path:reason:)`` when no writer comes within
    ///   `waitSeconds` or the pipe cannot be opened.
    static func open(_ path: String, name: String, waitSeconds: Int) throws(CoreError) -> (
        descriptor: Int32, prefix: [UInt8]
    ) {
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .missingInput(path: name, reason: String(cString: strerror(errno))) }
        var probe = [UInt8](repeating: 0, count: 1)
        var count: Int
        repeat {
            count = probe.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, 1) }
        } while count < 0 && errno == EINTR
        if count > 0 {
            setBlocking(descriptor)
            return (descriptor, [probe[0]])
        }
        if count < 0 && errno != EAGAIN && errno != EWOULDBLOCK {
            let reason = String(cString: strerror(errno))
            _ = Glibc.close(descriptor)
            throw .missingInput(path: name, reason: "cannot be read: \(reason)")
        }
        if count == 0 {
            // Nobody has the pipe open for writing: wait for a writer to send something (or to
            // connect and close, which reads as an empty file).
            var waiter = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            var ready: Int32
            repeat {
                ready = poll(&waiter, 1, Int32(waitSeconds * 1000))
            } while ready < 0 && errno == EINTR
            if ready == 0 {
                _ = Glibc.close(descriptor)
                throw .missingInput(
                    path: name,
                    reason: "is a named pipe (FIFO) that nothing writes to; waited \(waitSeconds) s for a writer")
            }
        }
        setBlocking(descriptor)
        return (descriptor, [])
    }

    private static func setBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    }
}
