import Foundation
import StaffcastCore

/// A week's folder as the cron job published it (`DIR/YYYY-Www/`), read back for the weeks after
/// it: its manifest must name that week and the site's zone, and a file is trusted only with the
/// SHA-256 the manifest records — an edited or foreign plan is refused rather than trusted.
struct PublishedWeekFolder {
    let label: String
    let folder: String
    let manifestPath: String
    let hashes: [String: String]

    /// The folder of `week` in `outputFolder`, nil when it has no manifest.
    static func open(outputFolder: String, week: PlanWeek, calendar: PlanningCalendar, purpose: String)
        throws(PlanningError) -> PublishedWeekFolder?
    {
        let label = week.label
        let folder = outputFolder + "/" + label
        let manifestPath = folder + "/" + PlanManifestFile.fileName
        guard FileManager.default.fileExists(atPath: manifestPath) else { return nil }
        let manifest = try core { () throws(CoreError) in try InputFile.read(manifestPath, maximumBytes: 64 << 20) }
        guard let object = (try? JSONSerialization.jsonObject(with: manifest.data)) as? [String: Any] else {
            throw .config(path: manifestPath, key: "(file)", message: "not a plan manifest (expected a JSON object)")
        }
        let fields = JSONFields(path: manifestPath)
        let written = try fields.string(object, PlanManifestFile.Key.week.rawValue, at: "")
        guard written == label else {
            throw fields.error(
                PlanManifestFile.Key.week.rawValue, "expected \(label) (the folder's week), got '\(written)'")
        }
        let zone = try fields.string(object, PlanManifestFile.Key.timeZone.rawValue, at: "")
        guard zone == calendar.identifier else {
            throw fields.error(
                PlanManifestFile.Key.timeZone.rawValue,
                "\(label) was planned in \(zone), this week in \(calendar.identifier): \(purpose)")
        }
        return PublishedWeekFolder(
            label: label, folder: folder, manifestPath: manifestPath,
            hashes: try PublishedPlan.outputHashes(object, fields: fields))
    }

    /// Whether the manifest lists `name` among the week's outputs.
    func lists(_ name: String) -> Bool { hashes[name] != nil }

    /// The published file `name`, checked against the manifest's SHA-256; `why` ends the error
    /// when it was changed after publication.
    func read(_ name: String, why: String) throws(PlanningError) -> InputFile {
        let path = folder + "/" + name
        let file = try core { () throws(CoreError) in try InputFile.read(path) }
        guard let expected = hashes[name], expected.lowercased() == file.sha256 else {
            throw .core(
                .badFile(
                    path: path,
                    "its SHA-256 differs from the one \(manifestPath) records: \(why)"))
        }
        return file
    }
}
