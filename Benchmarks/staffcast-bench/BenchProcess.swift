import Foundation

/// The release `staffcast` beside this binary (`make bench` builds both), nil when absent.
func releaseStaffcast() -> String? {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("staffcast").path
    return FileManager.default.isExecutableFile(atPath: binary) ? binary : nil
}

/// Runs `executable` with `arguments`, output discarded: the wall time and the exit status.
func timedRun(_ executable: String, _ arguments: [String]) -> (seconds: Double, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = Date()
    guard (try? process.run()) != nil else { return (.nan, -1) }
    process.waitUntilExit()
    return (Date().timeIntervalSince(start), process.terminationStatus)
}
