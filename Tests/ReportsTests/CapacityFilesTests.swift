import Forecasting
import Foundation
import StaffcastCore
import XCTest

@testable import Planning
@testable import Reports

/// SHA-256 of `text` by coreutils' `sha256sum`, independent of StaffcastCore's implementation.
func coreutilsSHA256(_ text: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}

/// The lines of a rendered CSV file (every file ends with a newline).
func csvLines(_ text: String) -> [String] {
    XCTAssertTrue(text.hasSuffix("\n"))
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
}

final class CapacityFilesTests: XCTestCase {
    static let hostile = "<script>alert(1)</script>"
    let w45 = PlanWeek(year: 2025, week: 45)!  // Monday 2025-11-03
    let w46 = PlanWeek(year: 2025, week: 46)!  // Monday 2025-11-10

    /// Two channels over 2025-W45 and W46 in UTC, one recommended and one planned cohort on chat,
    /// and a channel no hire can reach in time.
    func plan() -> CapacityPlan {
        let config = PlanConfig(
            path: "/tmp/capacity.json", historyPath: "/tmp/history.csv", historyPathAsWritten: "history.csv",
            calendar: .utc, intervalSeconds: 1800, valueColumn: nil, channelName: nil, model: "auto",
            backtestOrigins: 4, staffTo: .p80, channels: [:], shifts: ShiftSettings(templates: [], tours: false),
            fteHoursPerWeek: 40, data: Data())
        var settings = CapacitySettings(headcount: ["chat": 10.2, Self.hostile: 5])
        settings.attritionPerWeek = 0.004
        settings.trainingWeeks = 2
        settings.rampUp = [0.5, 0.75]
        settings.hireFTE = 0.8
        settings.hireEveryWeeks = 2
        settings.quantile = .p80
        settings.shrinkageByMonth = [11: 0.33, 2: 0.3]
        func row(
            _ week: PlanWeek, _ channel: String, forecast: Double, p50: Double, p80: Double, available: Double,
            withHires: Double
        ) -> CapacityPlan.Row {
            CapacityPlan.Row(
                week: week, channel: channel, forecast: forecast, lo80: forecast - 100.5, hi80: forecast + 100.25,
                lo95: forecast - 200, hi95: forecast + 200, requiredP50: p50, requiredP80: p80, required: p80,
                available: available, availableWithHires: withHires)
        }
        return CapacityPlan(
            config: config, settings: settings, weeks: [w45, w46], origin: 1_762_128_000,  // 2025-11-03T00:00Z
            rows: [
                row(w45, "chat", forecast: 1234.5678, p50: 10.2, p80: 12.3456, available: 10.2, withHires: 13),
                row(w46, "chat", forecast: 1300, p50: 11, p80: 12, available: 10.159, withHires: 12.079),
                row(w45, Self.hostile, forecast: 500, p50: 4, p80: 6, available: 5, withHires: 5),
                row(w46, Self.hostile, forecast: 520, p50: 4.5, p80: 6.5, available: 4.98, withHires: 4.98),
            ],
            hiring: [
                CapacityPlan.Hiring(
                    channel: "chat", startWeek: w45, count: 3, fte: 2.4, firstContactsWeek: nil, fullOutputWeek: nil,
                    forWeek: w46, planned: false),
                CapacityPlan.Hiring(
                    channel: "chat", startWeek: w46, count: 2, fte: 1.6, firstContactsWeek: w46,
                    fullOutputWeek: w46, forWeek: nil, planned: true),
                CapacityPlan.Hiring(channel: Self.hostile, tooLate: [w45, w46]),
            ],
            models: ["chat": "regression", Self.hostile: "<b>naive</b>"],
            inputs: [
                PlanInput(role: "config", path: "capacity.json", sha256: String(repeating: "ab", count: 32)),
                PlanInput(role: "history", path: "-", sha256: String(repeating: "cd", count: 32), regular: false),
            ],
            warnings: ["headcount of \(Self.hostile) & co is a guess"])
    }

    func testFilesInOrderWithTheManifestLast() {
        let names = CapacityFiles.render(plan(), version: "1.2.3").map(\.name)
        XCTAssertEqual(names, ["capacity.csv", "hiring_plan.csv", "capacity.html", "manifest.json"])
    }

    func testCapacityCSVHeaderAndRows() {
        let lines = csvLines(CapacityFiles.capacityCSV(plan()))
        XCTAssertEqual(
            lines.first,
            "week,week_start,channel,forecast,lo80,hi80,lo95,hi95,required_fte_p50,required_fte_p80,available_fte,"
                + "gap_fte,available_fte_with_hires,gap_fte_with_hires")
        XCTAssertEqual(lines.count, 5, "a row per channel and week")
        // 1234.5678 → 3 decimals; gap 12.3456 − 10.2 = 2.1456; with hires 12.3456 − 13 = −0.6544.
        XCTAssertEqual(
            lines[1],
            "2025-W45,2025-11-03,chat,1234.568,1134.068,1334.818,1034.568,1434.568,10.2,12.346,10.2,2.146,13,-0.654")
        // 12 − 10.159 = 1.841; 12 − 12.079 = −0.079.
        XCTAssertEqual(
            lines[2], "2025-W46,2025-11-10,chat,1300,1199.5,1400.25,1100,1500,11,12,10.159,1.841,12.079,-0.079")
        XCTAssertEqual(lines[3], "2025-W45,2025-11-03,\(Self.hostile),500,399.5,600.25,300,700,4,6,5,1,5,1")
        XCTAssertEqual(
            lines[4], "2025-W46,2025-11-10,\(Self.hostile),520,419.5,620.25,320,720,4.5,6.5,4.98,1.52,4.98,1.52")
    }

    func testHiringCSVCohortsThenTooLateWeeks() {
        let lines = csvLines(CapacityFiles.hiringCSV(plan()))
        XCTAssertEqual(
            lines,
            [
                "channel,start_week,start_date,hires,fte,takes_contacts_from,full_output_from,for_week,source",
                "chat,2025-W45,2025-11-03,3,2.4,,,2025-W46,recommended",
                "chat,2025-W46,2025-11-10,2,1.6,2025-W46,2025-W46,,planned",
                "\(Self.hostile),,,0,0,,,2025-W45,too late",
                "\(Self.hostile),,,0,0,,,2025-W46,too late",
            ])
    }

    func testManifestParsesWithTheExpectedKeysAndHashes() throws {
        var plan = plan()
        plan.choices["chat"] = ModelChoice(
            scoring: .intervals, model: "regression", score: 0.031,
            runnerUp: "combo(regression+wavg6)", runnerUpScore: 0.0345)
        plan.choices["chat"]?.weeklyScore = 0.0212
        plan.choices["chat"]?.runnerUpWeeklyScore = 0.0301
        let files = CapacityFiles.render(plan, version: "1.2.3")
        let html = try XCTUnwrap(files.first { $0.name == "capacity.html" }?.text)
        XCTAssertTrue(
            html.contains(
                "model: regression (interval WAPE 3.1 % in the backtest, weekly from week 4 2.1 %; runner-up combo(regression+wavg6) 3.5 %, weekly 3 %)"
            ),
            "the chosen model's score is shown")
        let manifestText = try XCTUnwrap(files.last?.text)
        let root = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(manifestText.utf8)) as? [String: Any])
        XCTAssertEqual(
            Set(root.keys),
            [
                "staffcast_version", "kind", "from_week", "weeks", "time_zone", "forecast_origin",
                "fte_hours_per_week", "inputs", "models", "model_choice", "capacity", "warnings", "outputs",
            ])
        XCTAssertEqual(root["staffcast_version"] as? String, "1.2.3")
        XCTAssertEqual(root["kind"] as? String, "capacity")
        XCTAssertEqual(root["from_week"] as? String, "2025-W45")
        XCTAssertEqual(root["weeks"] as? Int, 2)
        XCTAssertEqual(root["time_zone"] as? String, "UTC")
        XCTAssertEqual(root["forecast_origin"] as? String, "2025-11-03T00:00:00Z")
        XCTAssertEqual(root["fte_hours_per_week"] as? Double, 40)
        XCTAssertEqual(root["models"] as? [String: String], ["chat": "regression", Self.hostile: "<b>naive</b>"])
        XCTAssertEqual(root["warnings"] as? [String], ["headcount of \(Self.hostile) & co is a guess"])
        let choice = try XCTUnwrap((root["model_choice"] as? [String: [String: Any]])?["chat"])
        XCTAssertEqual(choice["model"] as? String, "regression")
        XCTAssertEqual(choice["scored_on"] as? String, "interval WAPE")
        XCTAssertEqual(choice["weekly_wape_from_week_4"] as? Double, 0.0212)
        XCTAssertEqual(choice["runner_up_weekly_wape_from_week_4"] as? Double, 0.0301)
        XCTAssertEqual(choice["score"] as? Double, 0.031)
        XCTAssertEqual(choice["runner_up"] as? String, "combo(regression+wavg6)")
        XCTAssertEqual(choice["runner_up_score"] as? Double, 0.0345)

        let inputs = try XCTUnwrap(root["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.count, 2)
        XCTAssertEqual(inputs[0]["role"] as? String, "config")
        XCTAssertEqual(inputs[0]["path"] as? String, "capacity.json")
        XCTAssertNil(inputs[0]["read_once"], "a regular file can be read again")
        XCTAssertEqual(inputs[1]["sha256"] as? String, String(repeating: "cd", count: 32))
        XCTAssertEqual(inputs[1]["read_once"] as? Bool, true)

        let capacity = try XCTUnwrap(root["capacity"] as? [String: Any])
        XCTAssertEqual(capacity["headcount"] as? [String: Double], ["chat": 10.2, Self.hostile: 5])
        XCTAssertEqual(capacity["attrition_per_week"] as? Double, 0.004)
        XCTAssertEqual(capacity["training_weeks"] as? Int, 2)
        XCTAssertEqual(capacity["ramp_up"] as? [Double], [0.5, 0.75])
        XCTAssertEqual(capacity["hire_fte"] as? Double, 0.8)
        XCTAssertEqual(capacity["hire_every_weeks"] as? Int, 2)
        XCTAssertEqual(capacity["quantile"] as? String, "p80")
        XCTAssertEqual(capacity["shrinkage_by_month"] as? [String: Double], ["2": 0.3, "11": 0.33])

        // The outputs: the three other files, each hashed as written.
        let outputs = try XCTUnwrap(root["outputs"] as? [[String: String]])
        XCTAssertEqual(outputs.map { $0["file"] }, ["capacity.csv", "hiring_plan.csv", "capacity.html"])
        for (output, file) in zip(outputs, files) {
            XCTAssertEqual(output["sha256"], try coreutilsSHA256(file.text), file.name)
        }
        XCTAssertTrue(manifestText.hasSuffix("}\n"))
    }

    func testHTMLEscapesNamesAndIsSelfContained() throws {
        let files = CapacityFiles.render(plan(), version: "1.2.3")
        let html = try XCTUnwrap(files.first { $0.name == "capacity.html" }?.text)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("model: &lt;b&gt;naive&lt;/b&gt;"))
        XCTAssertTrue(html.contains("<li>headcount of &lt;script&gt;alert(1)&lt;/script&gt; &amp; co is a guess</li>"))
        XCTAssertFalse(html.contains("<b>naive"))
        assertSelfContained(html)
        XCTAssertTrue(html.contains("<h1>Capacity plan 2025-W45 – 2025-W46</h1>"))
        XCTAssertTrue(
            html.contains("2 weeks · time zone UTC · FTE of 40 h a week · gap closed at p80 · staffcast 1.2.3"))
        // The hiring table: a cohort whose first contacts fall after the horizon says so.
        XCTAssertTrue(
            html.contains(
                "<tr><td>chat</td><td>2025-W45 (2025-11-03)</td><td>3</td><td>2.4</td><td>after the horizon</td>"
                    + "<td>after the horizon</td><td>2025-W46</td><td>recommended</td></tr>"))
        XCTAssertTrue(html.contains("short in 2025-W45, 2025-W46: too late to hire and train for"))
        // The week table of chat, W45: contacts 1235 (0 decimals), 80 % range 1134–1335.
        XCTAssertTrue(
            html.contains(
                "<tr><td>2025-W45</td><td>1235</td><td>1134–1335</td><td>10.2</td><td>12.346</td><td>10.2</td>"
                    + "<td>2.146</td><td>13</td><td>-0.654</td></tr>"))
        // One chart per channel, each well-formed; only the recommended cohort is marked.
        let charts = svgFragments(html)
        XCTAssertEqual(charts.count, 2)
        for chart in charts { XCTAssertNotNil(parseXML(chart)) }
        XCTAssertTrue(charts[0].contains(">hire 3</text>"))
        XCTAssertFalse(charts[0].contains(">hire 2</text>"), "planned hires are not marked as starts")
    }

    func testNoHiresSaysTheTeamCovers() {
        var plan = plan()
        plan.hiring = []
        plan.warnings = []
        let html = CapacityReport(plan: plan, version: "t").html()
        XCTAssertTrue(html.contains("<tr><td colspan=\"8\">no hires needed: the team covers every week</td></tr>"))
        XCTAssertFalse(html.contains("<ul class=\"notes\">"))
        XCTAssertEqual(csvLines(CapacityFiles.hiringCSV(plan)).count, 1, "the header only")
    }
}
