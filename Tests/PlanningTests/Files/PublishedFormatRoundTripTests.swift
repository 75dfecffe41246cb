import Forecasting
import Foundation
import Queueing
import StaffcastCore
import XCTest

@testable import Planning
@testable import Rostering
@testable import Scheduling

/// Each published file written and read back gives the values it was written from: one type per
/// file owns both directions. The week crosses the end of summer time in Amsterdam (a 25-hour
/// Sunday) and one channel's name begins like a spreadsheet formula.
final class PublishedFormatRoundTripTests: XCTestCase {
    let calendar = try! PlanningCalendar(identifier: "Europe/Amsterdam")
    /// 2025-10-26 02:00 CEST: the clocks go back at 03:00 CEST to 02:00 CET.
    let start: Int64 = 1_761_436_800

    var instants: [Int64] { (0..<6).map { start + Int64($0) * 1800 } }

    func forecast(_ channel: String, scale: Double) -> Forecast {
        let mean = instants.indices.map { (Double($0) * 12.345 + 3.5) * scale }
        return Forecast(
            channel: channel, model: "regression", instants: instants, mean: mean,
            lo80: mean.map { $0 * 0.875 }, hi80: mean.map { $0 * 1.125 }, lo95: mean.map { $0 * 0.75 },
            hi95: mean.map { $0 * 1.25 })
    }

    /// Values with at most three decimals, as the file writes contacts.
    func rounded(_ values: [Double]) -> [Double] { values.map { ($0 * 1000).rounded() / 1000 } }

    /// Contacts read back are the written ones to the file's three decimals.
    func assertThreeDecimals(_ read: [Double], _ written: [Double], file: StaticString = #filePath, line: UInt = #line)
    {
        XCTAssertEqual(read.count, written.count, file: file, line: line)
        for (a, b) in zip(read, written) { XCTAssertEqual(a, b, accuracy: 0.0005 + 1e-12, file: file, line: line) }
        XCTAssertEqual(read, rounded(read), "more than three decimals", file: file, line: line)
    }

    func testForecastFile() throws {
        let forecasts = [forecast("calls", scale: 1), forecast("=chat", scale: 0.5)]
        let aht = ["calls": instants.indices.map { 180 + Double($0) / 3 }]
        let text = ForecastFile.write(forecasts, calendar: calendar, aht: aht)
        XCTAssertTrue(text.hasPrefix(ForecastFile.Column.allCases.map(\.rawValue).joined(separator: ",") + "\n"))
        let read = try ForecastFile.read(path: "f.csv", calendar: calendar, needsIntervals: true, data: Data(text.utf8))
        XCTAssertEqual(read.forecasts.map(\.channel), ["=chat", "calls"])
        for written in forecasts {
            let back = try XCTUnwrap(read.forecasts.first { $0.channel == written.channel })
            XCTAssertEqual(back.instants, written.instants)
            assertThreeDecimals(back.mean, written.mean)
            assertThreeDecimals(back.lo80, written.lo80)
            assertThreeDecimals(back.hi95, written.hi95)
        }
        XCTAssertEqual(read.aht["calls"], aht["calls"]?.map { Optional($0) })
        XCTAssertEqual(read.aht["=chat"], Array(repeating: nil, count: instants.count))
        XCTAssertEqual(
            ForecastFile.write(read.forecasts, calendar: calendar, aht: aht).replacingOccurrences(
                of: ",file,", with: ","),
            text)
    }

    func testRequirementsFile() throws {
        let policy = ChannelPolicy(
            ahtSeconds: 240, target: StaffingTarget(serviceLevel: 0.8, targetSeconds: 20, shrinkage: 0.3))
        let rows = try RequirementPlanner.staff(
            forecast("calls", scale: 2), policy: policy, intervalSeconds: 1800, staffTo: .p50)
        let text = RequirementsFile.write(rows, calendar: calendar)
        XCTAssertTrue(text.hasPrefix(RequirementsFile.Column.allCases.map(\.rawValue).joined(separator: ",") + "\n"))
        let read = try RequirementsFile.read(path: "r.csv", calendar: calendar, data: Data(text.utf8))
        XCTAssertTrue(read.hasWorkload)
        XCTAssertEqual(read.rows.count, rows.count)
        for row in rows {
            let back = try XCTUnwrap(read.rows[RequirementsFile.Key(row.channel, row.instant)])
            XCTAssertEqual(back.headcount, row.staffing.headcount)
            assertThreeDecimals([back.contacts ?? -1], [row.contacts])
            XCTAssertEqual(back.ahtSeconds, row.ahtSeconds)
        }
    }

    func testCoverageFiles() throws {
        let scores = instants.enumerated().map { i, instant in
            CoverageScore(
                instant: instant, channel: i % 2 == 0 ? "calls" : "-chat", required: 10 + i, scheduled: 9 + 2 * i,
                serviceLevel: i == 3 ? nil : 0.8 + Double(i) / 100)
        }
        let text = CoverageFile.write(scores, calendar: calendar)
        let read = try CoverageFile.read(path: "c.csv", calendar: calendar, data: Data(text.utf8))
        XCTAssertEqual(read.column, "scheduled")
        XCTAssertEqual(read.heads.count, scores.count)
        for score in scores {
            XCTAssertEqual(read.heads[RequirementsFile.Key(score.channel, score.instant)], score.scheduled)
        }

        let roster = scores.map {
            ChannelCoverage(channel: $0.channel, instant: $0.instant, required: $0.required, rostered: $0.scheduled)
        }
        let rosterText = CoverageFile.write(roster: roster, calendar: calendar)
        let rosterRead = try CoverageFile.read(path: "rc.csv", calendar: calendar, data: Data(rosterText.utf8))
        XCTAssertEqual(rosterRead.column, "rostered")
        for row in roster {
            XCTAssertEqual(rosterRead.heads[RequirementsFile.Key(row.channel, row.instant)], row.rostered)
        }
    }

    /// A night shift that starts on Saturday and ends on the 25-hour Sunday belongs to Saturday.
    func testScheduleFile() throws {
        let saturday = try XCTUnwrap(CivilDate(year: 2025, month: 10, day: 25))
        let shifts = [
            ScheduledShift(
                channel: "calls", date: saturday, template: "night", start: start - 4 * 3600, end: start + 5 * 3600,
                breakStart: start, breakEnd: start + 1800, agents: 3, paidHoursPerAgent: 8.5),
            ScheduledShift(
                channel: "=chat", date: saturday.adding(days: 1), template: "day", start: start + 8 * 3600,
                end: start + 12 * 3600, breakStart: nil, breakEnd: nil, agents: 1, paidHoursPerAgent: 4,
                tour: "4h 08:00"),
        ]
        let schedule = Schedule(
            shifts: shifts, coverage: [], uncovered: [], agentHours: 29.5, cost: 29.5, lpOptimum: 29.5,
            lowerBound: 29.5,
            lpShortfall: 0, pivots: 0)
        let text = ScheduleFile.write(schedule, calendar: calendar)
        let rows = try ScheduleFile.read(path: "s.csv", calendar: calendar, data: Data(text.utf8))
        XCTAssertEqual(rows.count, 2)
        for shift in shifts {
            let row = try XCTUnwrap(rows.first { $0.channel == shift.channel })
            XCTAssertEqual(row.date, shift.date)
            XCTAssertEqual(row.start, shift.start)
            XCTAssertEqual(row.end, shift.end)
            XCTAssertEqual(row.breakStart, shift.breakStart)
            XCTAssertEqual(row.breakEnd, shift.breakEnd)
            XCTAssertEqual(row.agents, shift.agents)
            XCTAssertEqual(row.tour, shift.tour)
        }
    }

    /// The manifest's settings of a queue, a chat channel (whole and average concurrency) and a
    /// deadline channel with working hours, read back into a policy, write the same settings again.
    func testManifestSettings() throws {
        var settings: [ChannelSettings] = []
        var queue = ChannelSettings(
            ahtSeconds: 185.5, asaSeconds: 30, maxOccupancy: 0.85, shrinkage: 0.33, patience: 90)
        queue.serviceLevel = "80/20"
        queue.minContactsPerInterval = 0.5
        queue.nightCover = 2
        settings.append(queue)
        var chat = ChannelSettings(ahtSeconds: 400, shrinkage: 0.2)
        chat.serviceLevel = "90/60"
        chat.concurrency = 3
        chat.ahtByConcurrency = [400, 520, 700]
        settings.append(chat)
        var average = ChannelSettings(ahtSeconds: 400, shrinkage: 0.2)
        average.serviceLevel = "80/60"
        average.concurrency = 2.5
        settings.append(average)
        var mail = ChannelSettings(ahtSeconds: 300, shrinkage: 0.25)
        mail.deadline = "24h"
        mail.workingHours = ["Mon-Fri 08:00-20:00", "Sat 09:00-13:00,14:00-17:00", "Sun closed"]
        mail.deadlineCounts = "wall"
        mail.openingBacklog = 120
        mail.closingBacklog = "staff"
        settings.append(mail)
        for given in settings {
            let policy = try given.policy(naming: .config, requiresTarget: true, force: false)
            for forecastAHT in [false, true] {
                let written = PlanManifestFile.settings(policy, ahtSeconds: policy.ahtSeconds, forecastAHT: forecastAHT)
                let object = try XCTUnwrap(
                    try JSONSerialization.jsonObject(with: Data(written.render().utf8)) as? [String: Any])
                let (back, backForecastAHT) = try PublishedPlan.policy(
                    object, fields: JSONFields(path: "manifest.json"), at: "channels[0].settings")
                XCTAssertEqual(backForecastAHT, forecastAHT)
                XCTAssertEqual(back.kind, policy.kind)
                XCTAssertEqual(back.target, policy.target)
                XCTAssertEqual(back.lowVolume, policy.lowVolume)
                XCTAssertEqual(
                    PlanManifestFile.settings(back, ahtSeconds: back.ahtSeconds, forecastAHT: backForecastAHT).render(),
                    written.render())
            }
        }
    }
}
