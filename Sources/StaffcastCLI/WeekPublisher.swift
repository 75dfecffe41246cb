import CSystem
import Foundation
import StaffcastCore

/// The lock on an output folder, taken before a plan reads anything and held until it is
/// published (released when the value goes away): a second `plan` on the same folder exits 75
/// at once instead of racing the first.
final class PublishLock {
    let outDir: String
    private let fd: Int32
    /// Whether this run created `outDir` (a failed run then removes it again).
    private let createdDirectory: Bool

    /// Creates `outDir` when needed, takes its lock, and tidies what a killed earlier run left
    /// (see `WeekPublisher.recover`).
    init(outDir: String) throws(CLIError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let existed = fm.fileExists(atPath: outDir, isDirectory: &isDirectory)
        if existed {
            guard isDirectory.boolValue else {
                throw .core(.cannotWrite(path: outDir, reason: "exists and is not a directory"))
            }
        } else {
            do { try fm.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
                throw .core(.cannotWrite(path: outDir, reason: "cannot create the output directory"))
            }
        }
        let lockPath = outDir + "/.staffcast.lock"
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .core(.cannotWrite(path: lockPath, reason: String(cString: strerror(errno)))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .busy(
                "\(outDir) is locked by another staffcast plan run (\(lockPath)); try again when it has finished")
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
            names == [".staffcast.lock"]
        else { return }
        unlink(outDir + "/.staffcast.lock")
        rmdir(outDir)
    }

    deinit { close(fd) }  // closing releases the flock

    /// Runs `body` holding the lock on `outDir`; when it fails, leaves no trace of the run
    /// (`abandon`) and passes the error on.
    static func holding<T>(_ outDir: String, _ body: (PublishLock) throws -> T) throws -> T {
        let lock = try PublishLock(outDir: outDir)
        do { return try body(lock) } catch {
            lock.abandon()
            throw error
        }
    }
}

/// Publishes a week's files into `outDir/label/` all at once: they are written into a hidden
/// staging folder beside the target, flushed, and the folder takes the target's place in one
/// atomic exchange (renameat2), the earlier plan then removed. Where the file system cannot
/// exchange, the earlier plan is first renamed aside; a run killed between the two renames
/// leaves it as `.label.old-PID`, which the next run (holding the lock) puts back.
struct WeekPublisher {
    let lock: PublishLock
    let label: String

    var outDir: String { lock.outDir }

    /// Writes `files` (name, content) and returns the published folder's path.
    func publish(_ files: [(name: String, text: String)]) throws(CLIError) -> String {
        let fm = FileManager.default
        let target = outDir + "/" + label
        let staging = outDir + "/." + label + ".partial-\(getpid())"
        let retired = outDir + "/." + label + ".old-\(getpid())"
        try? fm.removeItem(atPath: staging)
        do { try fm.createDirectory(atPath: staging, withIntermediateDirectories: false) } catch {
            throw .core(
                .cannotWrite(
                    path: staging, reason: "cannot create a folder in \(outDir) (permission denied or disk full)"))
        }
        do throws(CLIError) {
            for (name, text) in files {
                do throws(CoreError) { try AtomicFile.write(text, to: staging + "/" + name) } catch {
                    throw CLIError.core(error)
                }
            }
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw CLIError.core(.cannotWrite(path: target, reason: "exists and is not a folder"))
                }
                if staffcast_rename_exchange(staging, target) == 0 {
                    // The staging name now holds the earlier plan.
                    try? fm.removeItem(atPath: staging)
                    return target
                }
                guard rename(target, retired) == 0 else {
                    throw CLIError.core(
                        .cannotWrite(
                            path: target, reason: "cannot replace the earlier plan: \(String(cString: strerror(errno)))"
                        ))
                }
                guard rename(staging, target) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = rename(retired, target)
                    throw CLIError.core(.cannotWrite(path: target, reason: reason))
                }
                try? fm.removeItem(atPath: retired)
            } else if rename(staging, target) != 0 {
                throw CLIError.core(.cannotWrite(path: target, reason: String(cString: strerror(errno))))
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        return target
    }

    /// What a killed run leaves, tidied under the lock: an earlier plan renamed aside
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
