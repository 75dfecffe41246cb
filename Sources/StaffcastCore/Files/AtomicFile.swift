import Foundation

/// Writes output files so that readers never see a partial result and nothing but the named file
/// is ever replaced:
///
/// - `-` is standard output;
/// - a path that does not exist, or names a regular file, gets the bytes in a temporary file in
///   the same directory, flushed to disk and renamed over the target only when complete
///   (rename(2) is atomic within a file system); an existing file keeps its permissions;
/// - a symbolic link is followed (up to 16 links): its target is what gets written, atomically
///   when the target is a regular file, and the link itself stays a link;
/// - an existing character device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written
///   to directly — it cannot be replaced without destroying it; a block device, a socket or a
///   directory is refused.
public enum AtomicFile {
    /// Writes `data` to `path` (see the type's rules). `path` "-" writes to standard output.
    public static func write(_ data: Data, to path: String) throws(CoreError) {
        switch try target(of: path) {
        case .standardOutput: try StandardStream.write(data, to: 1)
        case .replace(let target, let mode): try replace(target, with: data, as: path, mode: mode)
        case .inPlace(let target): try writeInPlace(target, data, as: path)
        }
    }

    /// Refuses, before any work is done, a `path` that `write` would refuse: an empty name, a
    /// directory, a socket or block device, a missing folder, too many links. Nothing is created.
    public static func check(_ path: String) throws(CoreError) {
        guard !path.isEmpty else { throw .cannotWrite(path: path, reason: "the file name is empty") }
        if case .replace(let target, _) = try target(of: path) {
            let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
            var info = stat()
            guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw .cannotWrite(path: path, reason: "directory \(directory) does not exist")
            }
            guard access(directory, W_OK) == 0 else {
                throw .cannotWrite(path: path, reason: "directory \(directory) is not writable")
            }
        }
    }

    /// How `path` is written: standard output, a file replaced atomically (its mode kept), or a
    /// device or pipe written in place; symbolic links followed.
    enum Target {
        case standardOutput
        case replace(String, mode: mode_t?)
        case inPlace(String)
    }

    static func target(of path: String) throws(CoreError) -> Target {
        if path == "-" { return .standardOutput }
        var target = path
        for _ in 0..<16 {
            var info = stat()
            guard lstat(target, &info) == 0 else {
                guard errno == ENOENT else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
                return .replace(target, mode: nil)
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                target = try linkTarget(target, reportedAs: path)
            case S_IFREG:
                return .replace(target, mode: info.st_mode & 0o7777)
            case S_IFCHR, S_IFIFO:
                return .inPlace(target)
            case S_IFDIR:
                throw .cannotWrite(path: path, reason: "it is a directory")
            default:
                throw .cannotWrite(path: path, reason: "it is neither a regular file, a character device nor a pipe")
            }
        }
        throw .cannotWrite(path: path, reason: "too many levels of symbolic links")
    }

    public static func write(_ text: String, to path: String) throws(CoreError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `bytes` (a ``CSVWriter``'s buffer) without copying them into a `Data` first.
    public static func write(_ bytes: [UInt8], to path: String) throws(CoreError) {
        let result = bytes.withUnsafeBytes { raw -> Result<Void, CoreError> in
            guard let base = raw.baseAddress, raw.count > 0 else {
                return Result { () throws(CoreError) in try write(Data(), to: path) }
            }
            let view = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none)
            return Result { () throws(CoreError) in try write(view, to: path) }
        }
        try result.get()
    }

    /// The path a symbolic link points to, resolved against the link's folder.
    static func linkTarget(_ link: String, reportedAs path: String) throws(CoreError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else {
            throw .cannotWrite(path: path, reason: "cannot read the link: \(String(cString: strerror(errno)))")
        }
        let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if destination.hasPrefix("/") { return destination }
        return URL(fileURLWithPath: link).deletingLastPathComponent().appendingPathComponent(destination).path
    }

    /// Temporary file beside `target`, flushed, then renamed over it.
    static func replace(_ target: String, with data: Data, as path: String, mode: mode_t?) throws(CoreError) {
        let temporary = try stage(target, data, as: path, mode: mode)
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// `data` in a new temporary file beside `target`, flushed to disk; its path.
    static func stage(_ target: String, _ data: Data, as path: String, mode: mode_t?) throws(CoreError) -> String {
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotWrite(path: path, reason: "directory \(directory) does not exist")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode ?? 0o644)
        guard fd >= 0 else {
            throw .cannotWrite(
                path: path, reason: "cannot create a file in \(directory): \(String(cString: strerror(errno)))")
        }
        do throws(CoreError) {
            try writeAll(data, to: fd, name: path)
            if let mode { _ = fchmod(fd, mode) }
            guard fsync(fd) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        return temporary
    }

    /// Several files published together: all of them or none. Each is first written in full to a
    /// temporary file beside it (a failure there changes nothing); then each existing file is
    /// kept under a hard link and the new ones are renamed into place; should a rename still fail,
    /// the files already replaced get their earlier bytes back. Standard output, devices and pipes
    /// are refused here (they cannot be taken back).
    public static func writeTogether(_ files: [(path: String, data: Data)]) throws(CoreError) {
        var staged: [(path: String, target: String, temporary: String)] = []
        func discard() { for item in staged { unlink(item.temporary) } }
        do throws(CoreError) {
            for file in files {
                guard case .replace(let target, let mode) = try target(of: file.path) else {
                    throw .cannotWrite(path: file.path, reason: "files published together must be regular files")
                }
                staged.append((file.path, target, try stage(target, file.data, as: file.path, mode: mode)))
            }
        } catch {
            discard()
            throw error
        }
        // The earlier files, kept until every new one is in place.
        var kept: [(target: String, backup: String?)] = []
        for item in staged {
            let backup = item.temporary + ".old"
            unlink(backup)
            kept.append((item.target, link(item.target, backup) == 0 ? backup : nil))
        }
        for (k, item) in staged.enumerated() where rename(item.temporary, item.target) != 0 {
            let reason = String(cString: strerror(errno))
            for j in 0..<k {
                if let backup = kept[j].backup { rename(backup, kept[j].target) } else { unlink(kept[j].target) }
            }
            for j in k..<staged.count { unlink(staged[j].temporary) }
            for j in k..<kept.count { if let backup = kept[j].backup { unlink(backup) } }
            throw .cannotWrite(path: item.path, reason: reason)
        }
        for item in kept { if let backup = item.backup { unlink(backup) } }
    }

    /// A device or pipe: opened for writing as it is, never replaced.
    static func writeInPlace(_ target: String, _ data: Data, as path: String) throws(CoreError) {
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try writeAll(data, to: fd, name: path)
    }

    /// write(2) until every byte is out, retrying interrupted and partial writes.
    static func writeAll(_ data: Data, to fd: Int32, name: String) throws(CoreError) {
        let failure: String? = data.withUnsafeBytes { raw -> String? in
            guard var pointer = raw.baseAddress else { return nil }
            var left = raw.count
            while left > 0 {
                let written = Foundation.write(fd, pointer, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                left -= written
                pointer += written
            }
            return nil
        }
        if let failure { throw .cannotWrite(path: name, reason: failure) }
    }
}

/// Standard output and standard error, written with write(2) so that a full disk or a closed
/// pipe is an error the command can report (exit 74), not a crash.
public enum StandardStream {
    /// Writes every byte to file descriptor `fd` (1 or 2).
    public static func write(_ data: Data, to fd: Int32) throws(CoreError) {
        do throws(CoreError) {
            try AtomicFile.writeAll(data, to: fd, name: fd == 1 ? "standard output" : "standard error")
        } catch {
            guard case .cannotWrite(let name, let reason) = error else { throw error }
            throw .outputFailed(stream: name, reason: reason)
        }
    }
}
