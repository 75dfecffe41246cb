import Foundation
import XCTest

@testable import StaffcastCore

/// Publishing a week's folder all at once under the output folder's lock, in process (the
/// command-line tests cover a killed run and a second process).
final class WeekPublisherTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("publisher-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func names(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    private func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    private func makeFolder(_ path: String, files: [String: String]) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name)) }
    }

    func testFirstPublishWritesEveryFileAndLeavesNoStaging() throws {
        let out = root + "/reports"
        let lock = try PublishLock(outDir: out)
        let target = try WeekPublisher(lock: lock, label: "2003-W36").publish([
            ("forecast.csv", "a\n"), ("manifest.json", "{}\n"),
        ])
        XCTAssertEqual(target, out + "/2003-W36")
        XCTAssertEqual(try names(target), ["forecast.csv", "manifest.json"])
        XCTAssertEqual(try read(target + "/forecast.csv"), "a\n")
        XCTAssertEqual(try names(out), [".staffcast.lock", "2003-W36"])
    }

    func testRepublishReplacesTheWholeFolder() throws {
        let out = root + "/reports"
        try makeFolder(out + "/2003-W36", files: ["forecast.csv": "old\n", "scenarios.csv": "old\n"])
        let lock = try PublishLock(outDir: out)
        let target = try WeekPublisher(lock: lock, label: "2003-W36").publish([("forecast.csv", "new\n")])
        // A file only the earlier plan had is gone with it.
        XCTAssertEqual(try names(target), ["forecast.csv"])
        XCTAssertEqual(try read(target + "/forecast.csv"), "new\n")
        XCTAssertEqual(try names(out), [".staffcast.lock", "2003-W36"])
    }

    /// Where the file system cannot exchange two folders, the earlier one is renamed aside and
    /// removed once the new one is in place.
    func testRepublishWithoutExchangeRenamesTheEarlierFolderAside() throws {
        let out = root + "/reports"
        try makeFolder(out + "/2003-W36", files: ["forecast.csv": "old\n", "scenarios.csv": "old\n"])
        let lock = try PublishLock(outDir: out)
        let publisher = WeekPublisher(lock: lock, label: "2003-W36") { _, _ in
            errno = ENOSYS
            return -1
        }
        let target = try publisher.publish([("forecast.csv", "new\n")])
        XCTAssertEqual(try names(target), ["forecast.csv"])
        XCTAssertEqual(try read(target + "/forecast.csv"), "new\n")
        XCTAssertEqual(try names(out), [".staffcast.lock", "2003-W36"])
    }

    func testAFailingWriteLeavesTheEarlierFolderAndNoStaging() throws {
        let out = root + "/reports"
        try makeFolder(out + "/2003-W36", files: ["forecast.csv": "old\n"])
        let lock = try PublishLock(outDir: out)
        // The second file's folder is the first file: its folder cannot be made in the staging folder.
        XCTAssertThrowsError(
            try WeekPublisher(lock: lock, label: "2003-W36").publish([
                ("forecast.csv", "new\n"), ("forecast.csv/requirements.csv", "x\n"),
            ])
        ) { error in
            guard case CoreError.cannotWrite(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("/forecast.csv"), path)
        }
        XCTAssertEqual(try names(out), [".staffcast.lock", "2003-W36"])
        XCTAssertEqual(try read(out + "/2003-W36/forecast.csv"), "old\n")
    }

    func testATargetThatIsAFileIsRefused() throws {
        let out = root + "/reports"
        try makeFolder(out, files: ["2003-W36": "not a folder\n"])
        let lock = try PublishLock(outDir: out)
        XCTAssertThrowsError(try WeekPublisher(lock: lock, label: "2003-W36").publish([("forecast.csv", "a\n")])) {
            error in
            XCTAssertEqual(
                error as? CoreError, .cannotWrite(path: out + "/2003-W36", reason: "exists and is not a folder"))
        }
        XCTAssertEqual(try read(out + "/2003-W36"), "not a folder\n")
        XCTAssertEqual(try names(out), [".staffcast.lock", "2003-W36"])
        // An output folder that is a file cannot be locked.
        let file = root + "/plain"
        try Data().write(to: URL(fileURLWithPath: file))
        XCTAssertThrowsError(try PublishLock(outDir: file)) { error in
            XCTAssertEqual(error as? CoreError, .cannotWrite(path: file, reason: "exists and is not a directory"))
        }
    }

    /// Taking the lock tidies what a killed run left: a week renamed aside comes back when its
    /// place is empty and goes when it is not; staging folders go; the lock file stays.
    func testTakingTheLockRecoversWhatAKilledRunLeft() throws {
        let out = root + "/reports"
        try makeFolder(out + "/.2003-W36.old-4242", files: ["forecast.csv": "earlier\n"])
        try makeFolder(out + "/.2003-W37.old-4243", files: ["forecast.csv": "stale\n"])
        try makeFolder(out + "/2003-W37", files: ["forecast.csv": "current\n"])
        try makeFolder(out + "/.2003-W38.partial-4244", files: ["forecast.csv": "half\n"])
        try makeFolder(out, files: [".staffcast.lock": ""])
        _ = try PublishLock(outDir: out)
        XCTAssertEqual(try names(out), [".staffcast.lock", "2003-W36", "2003-W37"])
        XCTAssertEqual(try read(out + "/2003-W36/forecast.csv"), "earlier\n")
        XCTAssertEqual(try read(out + "/2003-W37/forecast.csv"), "current\n")
    }

    func testASecondLockOnTheSameFolderIsRefusedUntilTheFirstGoes() throws {
        let out = root + "/reports"
        var first: PublishLock? = try PublishLock(outDir: out)
        XCTAssertThrowsError(try PublishLock(outDir: out)) { error in
            XCTAssertEqual(error as? CoreError, .locked(path: out, lockFile: out + "/.staffcast.lock"))
            XCTAssertEqual(
                "\(error)",
                "\(out) is locked by another staffcast run (\(out)/.staffcast.lock); try again when it has finished")
        }
        // Holding the lock is refused the same way, before the body runs.
        var ran = false
        XCTAssertThrowsError(try PublishLock.holding(out) { _ in ran = true }) { error in
            guard case CoreError.locked? = error as? CoreError else { return XCTFail("\(error)") }
        }
        XCTAssertFalse(ran)
        XCTAssertNotNil(first)
        first = nil
        XCTAssertNoThrow(try PublishLock(outDir: out))
    }

    func testHoldingAbandonsAFolderItCreatedWhenTheBodyFails() throws {
        struct Failure: Error {}
        let created = root + "/new/reports"
        XCTAssertThrowsError(try PublishLock.holding(created) { _ in throw Failure() }) { error in
            XCTAssertTrue(error is Failure, "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: created))
        // A folder that was there before is kept, lock file and all.
        let existing = root + "/reports"
        try makeFolder(existing, files: [:])
        XCTAssertThrowsError(try PublishLock.holding(existing) { _ in throw Failure() })
        XCTAssertEqual(try names(existing), [".staffcast.lock"])
        // On success the body's result is passed on.
        let target = try PublishLock.holding(created) { lock in
            try WeekPublisher(lock: lock, label: "capacity-2025-W40").publish([("capacity.csv", "x\n")])
        }
        XCTAssertEqual(target, created + "/capacity-2025-W40")
        XCTAssertEqual(try names(created), [".staffcast.lock", "capacity-2025-W40"])
    }
}
