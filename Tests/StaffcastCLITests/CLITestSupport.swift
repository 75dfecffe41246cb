import Foundation
import XCTest

/// Runs the built `staffcast` binary (next to the test bundle) and captures its output.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum CLI {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        // The test bundle sits in the build products folder, beside the executable.
        // Bundle.main is the products folder itself on Linux, the .xctest bundle inside it elsewhere.
        let candidates = [
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle(for: Marker.self).bundleURL.deletingLastPathComponent(),
        ]
        for candidate in candidates {
            let url = candidate.appendingPathComponent("staffcast")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return projectRoot.appendingPathComponent(".build/debug/staffcast")
    }

    final class Marker {}

    @discardableResult
    /// `stdin`: bytes fed through a file; `stdoutPath`: a path to send standard output to instead
    /// of capturing it (`/dev/full`).
    static func run(_ arguments: [String], cwd: URL? = nil, stdin: Data? = nil, stdoutPath: String? = nil) throws
        -> CLIResult
    {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = cwd ?? projectRoot
        // Output goes to files, so a large output can never block the child on a full pipe.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "staffcast-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: stdoutPath.map { URL(fileURLWithPath: $0) } ?? outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = scratch.appendingPathComponent("in")
            try stdin.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = stdoutPath == nil ? try Data(contentsOf: outURL) : Data()
        let errData = try Data(contentsOf: errURL)
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("staffcast-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
