import Foundation
import Planning
import Rostering
import StaffcastCore

/// `staffcast roster`: the plan's pipeline up to the requirement, then named agents on shifts and
/// channels (the `Rostering` stage of `WeeklyPlanner`); this command only parses and prints.
struct RosterCommand: Command {
    static let name = "roster"
    static let abstract = "named agents on shifts and channels for a week (the config's \"team\")"
    static let discussion = """
        Plans the week as `plan` does (forecast, staffing per interval), then rosters the team the config
        names ("team": {"agents": "team.csv", "requests": "requests.csv", "previous_roster": "roster.csv"};
        see the README for the columns) onto the shift templates: who works when, on which channel, within
        their skills, contract hours, days in a row, days off, weekends, start and end times and 11 h of rest
        (across the week boundary too, from the previous roster, whose days inside the period are kept as
        published: a change only where it fills a real gap or a new unavailability forces it, listed by
        --changes). Writes FILE (roster.csv: agent,name,date,
        shift_start,shift_end,break_start,break_end,channel,activity_start,activity_end, one row per
        activity block) and prints the hours, the objective and what stays uncovered. A team too small
        is not an error: the roster is written and the uncovered intervals are listed with their cause.
        `plan` writes the same roster.csv (with agent_hours.csv, roster_coverage.csv, uncovered.csv)
        into the week's folder when the config names a team. With --rules nl-atw (or "rules" in the
        team, where each rule is its own key; docs/plan-config.md) the Dutch Working Hours Act's rules
        are hard rules too, and --rules-report writes roster_rules.csv: hours, nights, rests and free
        Sundays per agent and week.
        """
    static let options = [
        OptionSpec("config", "FILE", "the plan's JSON config, with a \"team\" entry", presence: .required),
        OptionSpec(
            "week", "YYYY-Www", "the first ISO week to roster; default: the week after the last history interval"),
        OptionSpec(
            "weeks", "N",
            "consecutive weeks rostered as one period, 1-6 (default: the config's team.weeks, else 1):\ncontract hours on average over it, fairness counted over it"
        ),
        OptionSpec("out", "FILE", "where roster.csv goes", presence: .required),
        OptionSpec(
            "previous", "FILE",
            "the roster published before (default: the config's team.previous_roster): its shifts before\nthe period carry rest, runs and nights in, its days in the period are kept as published"
        ),
        OptionSpec("coverage", "FILE", "also write roster_coverage.csv (timestamp,channel,required,rostered,gap)"),
        OptionSpec(
            "changes", "FILE",
            "also write roster_changes.csv (agent,date,before,after,reason): the published days of\nthe previous roster that this one changes"
        ),
        OptionSpec(
            "calendars", "DIR",
            "also write one RFC 5545 .ics per agent into DIR (created when missing); a shift gone\nsince the calendar already there is sent as cancelled"
        ),
        OptionSpec("seconds", "S", "the search's time limit (default: the config's team.seconds, else none)"),
        OptionSpec(
            "rules", "nl-atw",
            "working-time rules kept as hard rules: a preset, as it is, in place of the config's\nteam.rules (default: team.rules, else none)"
        ),
        OptionSpec(
            "rules-report", "FILE",
            "also write roster_rules.csv (hours, nights, rests and free Sundays per agent and week)\nwhen working-time rules are kept"
        ),
        OptionSpec(flag: "quiet", "print nothing on success"),
    ]

    let configPath: String
    let week: PlanWeek?
    let weeks: Int?
    let outPath: String
    let coveragePath: String?
    let previousPath: String?
    let changesPath: String?
    let calendarsPath: String?
    let seconds: Double?
    let rules: String?
    let rulesReportPath: String?
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        configPath = try arguments.required("config")
        outPath = try arguments.required("out")
        guard !outPath.isEmpty else { throw CLIError.usage("--out: expected a file name, got an empty one") }
        if let text = arguments.value("week") {
            guard let parsed = PlanWeek.parse(text) else {
                throw CLIError.usage(
                    "--week: '\(text)' is not an ISO week of the form YYYY-Www that exists (e.g. 2026-W02)")
            }
            week = parsed
        } else {
            week = nil
        }
        if let text = arguments.value("weeks") {
            guard let n = Int(text), (1...6).contains(n), text.allSatisfy(\.isNumber) else {
                throw CLIError.usage("--weeks: expected a whole number of weeks from 1 to 6, got '\(text)'")
            }
            weeks = n
        } else {
            weeks = nil
        }
        if let text = arguments.value("seconds") {
            guard let value = Double(text), value.isFinite, value > 0, value <= 86_400,
                text.allSatisfy({ $0.isNumber || $0 == "." })
            else {
                throw CLIError.usage("--seconds: expected a time limit of 0 to 86400 seconds, got '\(text)'")
            }
            seconds = value
        } else {
            seconds = nil
        }
        if let text = arguments.value("rules") {
            guard WorkingTimeRules.presets[text] != nil else {
                let names = WorkingTimeRules.presets.keys.sorted().joined(separator: ", ")
                throw CLIError.usage("--rules: expected a preset (\(names)), got '\(text)'")
            }
            rules = text
        } else {
            rules = nil
        }
        rulesReportPath = arguments.value("rules-report")
        coveragePath = arguments.value("coverage")
        calendarsPath = arguments.value("calendars")
        previousPath = arguments.value("previous")
        changesPath = arguments.value("changes")
        for (flag, path) in [
            ("coverage", coveragePath), ("calendars", calendarsPath), ("rules-report", rulesReportPath),
            ("previous", previousPath), ("changes", changesPath),
        ]
        where path?.isEmpty == true {
            throw CLIError.usage("--\(flag): expected a name, got an empty one")
        }
        quiet = arguments.has("quiet")
    }

    /// The calendars' folder: created when missing; a file there is refused.
    static func prepare(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CoreError.cannotWrite(path: folder, reason: "it is not a folder") }
            return
        }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false) } catch {
            throw CoreError.cannotWrite(path: folder, reason: "cannot create the folder")
        }
    }

    func run() throws {
        // A folder or a missing directory is refused before the plan and the search run.
        try AtomicFile.check(outPath)
        if let coveragePath { try AtomicFile.check(coveragePath) }
        if let rulesReportPath { try AtomicFile.check(rulesReportPath) }
        if let changesPath { try AtomicFile.check(changesPath) }
        if let calendarsPath { try Self.prepare(calendarsPath) }
        var config = try PlanConfigReader.load(path: configPath)
        if let weeks { config.team?.weeks = weeks }
        if let seconds { config.team?.seconds = seconds }
        if let rules { config.team?.rules = WorkingTimeRules.presets[rules] }
        if let previousPath { config.team?.previousRosterPath = previousPath }
        if rulesReportPath != nil, config.team != nil, config.team?.rules == nil {
            throw CLIError.usage(
                "--rules-report: the roster keeps no working-time rules; give --rules nl-atw or \"rules\" in the config's team"
            )
        }
        guard config.team != nil else {
            throw PlanningError.config(
                path: configPath, key: "team",
                message: "missing: a roster needs the team, e.g. \"team\": {\"agents\": \"team.csv\"}")
        }
        let (progress, warning) = Console.planningListeners(quiet: quiet)
        let plan = try WeeklyPlanner.plan(
            config, week: week.map { .week($0) } ?? .afterHistory, progress: progress, warning: warning)
        Console.progressDone()
        guard let result = plan.roster else { return }
        try AtomicFile.write(RosterFile.write(result.roster, team: result.team, calendar: plan.calendar), to: outPath)
        if let coveragePath {
            try AtomicFile.write(
                CoverageFile.write(roster: result.roster.coverage, calendar: plan.calendar), to: coveragePath)
        }
        if let changesPath {
            try AtomicFile.write(
                RosterChangesFile.write(result.roster.changes, calendar: plan.calendar), to: changesPath)
        }
        if let rulesReportPath, let report = result.rulesReport(calendar: plan.calendar) {
            try AtomicFile.write(report, to: rulesReportPath)
        }
        if let calendarsPath {
            let files = RosterCalendar.files(
                roster: result.roster, team: result.team, calendar: plan.calendar, period: result.period,
                stamp: plan.origin,
                published: {
                    FileManager.default.contents(atPath: calendarsPath + "/" + $0).map {
                        String(decoding: $0, as: UTF8.self)
                    }
                })
            try AtomicFile.writeTogether(files.map { (calendarsPath + "/" + $0.name, Data($0.text.utf8)) })
        }
        if !quiet {
            let roster = result.roster
            let hours = roster.hours.reduce(0) { $0 + $1.hours }
            let short = roster.uncovered.reduce(0) { $0 + $1.shortfall }
            try Console.out(
                "\(plan.week.label): \(roster.shifts.count) shifts for \(Set(roster.shifts.map(\.agent)).count) of \(result.team.count) agents, "
                    + "\(NumberFormat.plain(hours, maxFractionDigits: 1)) paid hours; objective \(NumberFormat.plain(roster.objective.total, maxFractionDigits: 1)); "
                    + "\(short) agent-intervals uncovered in \(roster.uncovered.count) channel-intervals"
                    + (result.keptFrom.map { "; \(roster.changes.count) published days changed (\($0))" } ?? "")
                    + " → \(outPath)\n"
            )
        }
    }
}
