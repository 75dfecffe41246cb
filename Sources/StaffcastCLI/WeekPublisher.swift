import Foundation
import StaffcastCore

/// Publishes a week's files into `outDir/label/` all at once: they are written into a hidden
/// staging folder beside the target and the folder is renamed into place only when every file is
/// complete. A lock file in `outDir` keeps two overlapping runs (cron and a planner) from
/// interleaving.
struct WeekPublisher {
    let outDir: String
    let label: String

    /// Writes `files` (name, content) and returns the published folder's path.
    func publish(_ files: [(String, String)]) throws(CLIError) -> String {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: outDir, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .core(.cannotWrite(path: outDir, reason: "exists and is not a directory")) }
        } else {
            do { try fm.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
                throw .core(.cannotWrite(path: outDir, reason: "cannot create the output directory"))
            }
        }
        let lockPath = outDir + "/.staffcast.lock"
        let lock = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard lock >= 0 else { throw .core(.cannotWrite(path: lockPath, reason: String(cString: strerror(errno)))) }
        defer { close(lock) }  // closing releases the flock
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            throw .busy("\(outDir) is locked by another staffcast plan run (\(lockPath)); try again when it has finished")
        }

        let target = outDir + "/" + label
        let staging = outDir + "/." + label + ".partial-\(getpid())"
        let retired = outDir + "/." + label + ".old-\(getpid())"
        try? fm.removeItem(atPath: staging)
        do { try fm.createDirectory(atPath: staging, withIntermediateDirectories: false) } catch {
            throw .core(.cannotWrite(path: staging, reason: "cannot create a folder in \(outDir) (permission denied or disk full)"))
        }
        do {
            for (name, text) in files {
                guard fm.createFile(atPath: staging + "/" + name, contents: Data(text.utf8)) else {
                    throw CLIError.core(.cannotWrite(path: target + "/" + name, reason: "write failed (disk full or permission denied)"))
                }
            }
            let replacing = fm.fileExists(atPath: target)
            if replacing, rename(target, retired) != 0 {
                throw CLIError.core(.cannotWrite(path: target, reason: "cannot replace the earlier plan: \(String(cString: strerror(errno)))"))
            }
            if rename(staging, target) != 0 {
                let reason = String(cString: strerror(errno))
                if replacing { _ = rename(retired, target) }
                throw CLIError.core(.cannotWrite(path: target, reason: reason))
            }
            if replacing { try? fm.removeItem(atPath: retired) }
        } catch let error as CLIError {
            try? fm.removeItem(atPath: staging)
            throw error
        } catch {
            try? fm.removeItem(atPath: staging)
            throw .core(.cannotWrite(path: target, reason: "\(error)"))
        }
        return target
    }
}
