import CSystem
import Foundation

/// The lock on an output folder, taken before a run reads anything and held until it has
/// published (released when the value goes away): a second `plan` or `capacity` on the same
/// folder is refused at once (``CoreError/locked(path:lockFile:)``) instead of racing the first.
public final class PublishLock {
    public let outDir: String
    private let fd: Int32
    /// Whether this run created `outDir` (a failed run then removes it again).
    private let createdDirectory: Bool

    /// The lock file inside the folder; it stays there between runs.
    public static let lockFileName = ".staffcast.lock"

    /// Creates `outDir` when needed, takes its lock, and tidies what a killed earlier run left
    /// (see `WeekPublisher.recover`).
    /// - Throws: ``CoreError/locked(path:lockFile:)`` while another run holds the lock;
    ///   ``CoreError/cannotWrite(path:reason:)`` when the folder or its lock file cannot be made.
    public init(outDir: String) throws(CoreError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let existed = fm.fileExists(atPath: outDir, isDirectory: &isDirectory)
        if existed {
            guard isDirectory.boolValue else {
                throw .cannotWrite(path: outDir, reason: "exists and is not a directory")
            }
        } else {
            do { try fm.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
                throw .cannotWrite(path: outDir, reason: "cannot create the output directory")
            }
        }
        let lockPath = outDir + "/" + Self.lockFileName
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: lockPath, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .locked(path: outDir, lockFile: lockPath)
        }
        self.outDir = outDir
        self.fd = fd
        self.createdDirectory = !existed
        WeekPublisher.recover(outDir: outDir)
    }

    /// After a failed run: leaves no trace of it — the folder this run created goes again when
    /// it holds nothing but the lock file.
    func abandon() {
        guard createdDirectory, let names = try? FileManager.default.contentsOfDirectory(atPath: outDir),
            names == [Self.lockFileName]
        else { return }
        unlink(outDir + "/" + Self.lockFileName)
        rmdir(outDir)
    }

    deinit { close(fd) }  // closing releases the flock

    /// Runs `body` holding the lock on `outDir`; when it fails, leaves no trace of the run
    /// (`abandon`) and passes the error on as it is.
    public static func holding<T>(_ outDir: String, _ body: (PublishLock) throws -> T) throws -> T {
        let lock = try PublishLock(outDir: outDir)
        do { return try body(lock) } catch {
            lock.abandon()
            throw error
        }
    }
}

/// Publishes a week's files into `outDir/label/` all at once: they are written into a hidden
/// staging folder beside the target, flushed, and the folder takes the target's place in one
/// atomic exchange (renameat2), the earlier folder then removed. Where the file system cannot
/// exchange, the earlier folder is first renamed aside; a run killed between the two renames
/// leaves it as `.label.old-PID`, which the next run (holding the lock) puts back.
public struct WeekPublisher {
    public let lock: PublishLock
    public let label: String
    /// Swaps two existing paths atomically, 0 on success (renameat2 with RENAME_EXCHANGE; a
    /// test passes one that fails to reach the rename-aside path).
    let exchange: (String, String) -> Int32

    public init(lock: PublishLock, label: String) {
        self.init(lock: lock, label: label, exchange: { staffcast_rename_exchange($0, $1) })
    }

    init(lock: PublishLock, label: String, exchange: @escaping (String, String) -> Int32) {
        self.lock = lock
        self.label = label
        self.exchange = exchange
    }

    public var outDir: String { lock.outDir }

    /// Writes `files` (name, content) and returns the published folder's path. On failure
    /// nothing is published, an earlier folder of the same label is untouched and the staging
    /// folder is removed.
    public func publish(_ files: [(name: String, text: String)]) throws(CoreError) -> String {
        let fm = FileManager.default
        let target = outDir + "/" + label
        let staging = outDir + "/." + label + ".partial-\(getpid())"
        let retired = outDir + "/." + label + ".old-\(getpid())"
        try? fm.removeItem(atPath: staging)
        do { try fm.createDirectory(atPath: staging, withIntermediateDirectories: false) } catch {
            throw .cannotWrite(
                path: staging, reason: "cannot create a folder in \(outDir) (permission denied or disk full)")
        }
        do throws(CoreError) {
            for (name, text) in files {
                // A name with a folder (calendars/A001.ics) gets its folder inside the week's.
                if let slash = name.lastIndex(of: "/") {
                    let folder = staging + "/" + name[..<slash]
                    do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                        throw .cannotWrite(path: folder, reason: "cannot create the folder")
                    }
                }
                try AtomicFile.write(text, to: staging + "/" + name)
            }
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw .cannotWrite(path: target, reason: "exists and is not a folder")
                }
                if exchange(staging, target) == 0 {
                    // The staging name now holds the earlier folder.
                    try? fm.removeItem(atPath: staging)
                    return target
                }
                guard rename(target, retired) == 0 else {
                    throw .cannotWrite(
                        path: target, reason: "cannot replace the earlier plan: \(String(cString: strerror(errno)))")
                }
                guard rename(staging, target) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = rename(retired, target)
                    throw .cannotWrite(path: target, reason: reason)
                }
                try? fm.removeItem(atPath: retired)
            } else if rename(staging, target) != 0 {
                throw .cannotWrite(path: target, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        return target
    }

    /// What a killed run leaves, tidied under the lock: an earlier folder renamed aside
    /// (`.W.old-PID`) goes back where it was when `W` is missing, else it is removed; staging
    /// folders (`.W.partial-PID`) are removed.
    static func recover(outDir: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: outDir) else { return }
        for name in names.sorted() where name.hasPrefix(".") {
            let path = outDir + "/" + name
            if let range = name.range(of: ".old-"), range.lowerBound > name.index(after: name.startIndex) {
                let label = String(name[name.index(after: name.startIndex)..<range.lowerBound])
                let target = outDir + "/" + label
                if !fm.fileExists(atPath: target), rename(path, target) == 0 { continue }
                try? fm.removeItem(atPath: path)
            } else if name.contains(".partial-") {
                try? fm.removeItem(atPath: path)
            }
        }
    }
}
