import Foundation

/// Writes files so that readers never see a partial result: the bytes go to a temporary file in
/// the same directory, which is renamed over the target only when complete (rename(2) is atomic
/// within a file system).
public enum AtomicFile {
    /// Writes `data` to `path` atomically. `path` "-" writes to standard output.
    public static func write(_ data: Data, to path: String) throws(CoreError) {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .cannotWrite(path: path, reason: "it is a directory")
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .cannotWrite(path: path, reason: "directory \(directory) does not exist")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw .cannotWrite(path: path, reason: "cannot create a file in \(directory) (permission denied or disk full)")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    public static func write(_ text: String, to path: String) throws(CoreError) {
        try write(Data(text.utf8), to: path)
    }
}
