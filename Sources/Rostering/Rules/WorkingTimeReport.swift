import StaffcastCore

/// `roster_rules.csv`: what each agent's roster comes to against the working-time rules, per week
/// of the period and over it, measured from the published shifts (so a planner or a works council
/// can see that the rules are kept):
///
/// `agent,week,shifts,hours,longest_shift_hours,night_shifts,longest_night_series,most_shifts_in_a_row,shortest_rest_hours,shortest_rest_after_night_hours,longest_rest_hours,sundays_free`
///
/// `week` is the week's first date, or `period` for the agent's whole period (then `hours` is the
/// average per week). Hours are real working hours (breaks left out); a shift counts in the week
/// it starts. Rests are between two shifts (the first from the previous roster's last shift when
/// it is known); the longest rest is the longest uninterrupted one inside the week. A series and a
/// run count shifts starting on consecutive days, including those of the week before when they
/// are part of it. Empty where there is nothing to measure.
public enum WorkingTimeReport {
    public static let fileName = "roster_rules.csv"

    public static let header = [
        "agent", "week", "shifts", "hours", "longest_shift_hours", "night_shifts", "longest_night_series",
        "most_shifts_in_a_row", "shortest_rest_hours", "shortest_rest_after_night_hours", "longest_rest_hours",
        "sundays_free",
    ]

    public static func csv(
        roster: Roster, team: [Agent], rules: WorkingTimeRules, calendar: PlanningCalendar, dates: [CivilDate],
        previous: [PreviousShift] = []
    ) -> String {
        var table = CSVTable(header: header)
        guard let first = dates.first else { return table.render() }
        let weeks = (dates.count + 6) / 7
        let weekStarts = (0...weeks).map { calendar.startOfDay(first.adding(days: 7 * $0)) }
        let periodEnd = calendar.startOfDay(first.adding(days: dates.count))
        var byAgent: [String: [RosterShift]] = [:]
        for shift in roster.shifts { byAgent[shift.agent, default: []].append(shift) }
        for agent in team {
            let shifts = (byAgent[agent.id] ?? []).sorted { $0.start < $1.start }
            let before = previous.first { $0.agent == agent.id }
            let facts = shifts.map { Facts($0, calendar: calendar, rules: rules) }
            // Series and runs: shifts on consecutive days, seeded from the previous roster.
            var nightSeries: [Int] = []
            var runs: [Int] = []
            for (i, fact) in facts.enumerated() {
                let follows = i > 0 ? facts[i - 1].date.adding(days: 1) == fact.date : false
                let carried =
                    i == 0 && fact.date == first
                    && before.map { calendar.local($0.start).date == first.adding(days: -1) } == true
                let previousRun = follows ? runs[i - 1] : carried ? (before?.daysInARow ?? 0) : 0
                runs.append(previousRun + 1)
                let previousNights =
                    follows && facts[i - 1].night ? nightSeries[i - 1] : carried ? (before?.nightsInARow ?? 0) : 0
                nightSeries.append(fact.night ? previousNights + 1 : 0)
            }
            var totalHours = 0.0
            var periodRow = Row()
            for w in 0..<weeks {
                let range = weekStarts[w]..<min(weekStarts[w + 1], periodEnd)
                var row = Row()
                var lastEnd = before?.end
                var longestRest = 0.0
                for (i, fact) in facts.enumerated() {
                    defer { lastEnd = max(lastEnd ?? fact.end, fact.end) }
                    // The rest before this shift, the part inside the week.
                    let restStart = max(lastEnd ?? range.lowerBound, range.lowerBound)
                    let restEnd = min(fact.start, range.upperBound)
                    if restEnd > restStart { longestRest = max(longestRest, hours(restEnd - restStart)) }
                    guard range.contains(fact.start) else { continue }
                    row.shifts += 1
                    row.hours += fact.workHours
                    row.longestShift = max(row.longestShift ?? 0, fact.workHours)
                    if fact.night { row.nights += 1 }
                    row.longestSeries = max(row.longestSeries ?? 0, nightSeries[i])
                    row.mostInARow = max(row.mostInARow ?? 0, runs[i])
                    if let lastEnd {
                        let rest = hours(fact.start - lastEnd)
                        row.shortestRest = min(row.shortestRest ?? rest, rest)
                        let afterLateNight =
                            i > 0
                            ? facts[i - 1].late : (before.map { $0.night && $0.endsLate && $0.end == lastEnd } ?? false)
                        if afterLateNight { row.shortestRestAfterNight = min(row.shortestRestAfterNight ?? rest, rest) }
                    }
                }
                // The rest after the week's last shift, to the week's end.
                let tail = max(lastEnd ?? range.lowerBound, range.lowerBound)
                if range.upperBound > tail { longestRest = max(longestRest, hours(range.upperBound - tail)) }
                row.longestRest = longestRest
                for day in 0..<7 {
                    let date = first.adding(days: 7 * w + day)
                    guard day + 7 * w < dates.count, date.weekday == 7 else { continue }
                    let sunday = calendar.startOfDay(date)..<calendar.startOfDay(date.adding(days: 1))
                    if !shifts.contains(where: { $0.start < sunday.upperBound && $0.end > sunday.lowerBound }) {
                        row.sundaysFree += 1
                    }
                }
                totalHours += row.hours
                periodRow.merge(row)
                table.append(row.cells(agent: agent.id, week: first.adding(days: 7 * w).description))
            }
            periodRow.hours = totalHours * 7 / Double(dates.count)
            table.append(periodRow.cells(agent: agent.id, week: "period"))
        }
        return table.render()
    }

    static func hours(_ seconds: Int64) -> Double { Double(seconds) / 3600 }

    /// One shift as the rules see it.
    struct Facts {
        let date: CivilDate
        let start: Int64
        let end: Int64
        let workHours: Double
        let night: Bool
        let late: Bool

        init(_ shift: RosterShift, calendar: PlanningCalendar, rules: WorkingTimeRules) {
            date = shift.date
            start = shift.start
            end = shift.end
            let breakSeconds = zip(shift.breakStart.map { [$0] } ?? [], shift.breakEnd.map { [$0] } ?? [])
                .reduce(Int64(0)) { $0 + ($1.1 - $1.0) }
            workHours = WorkingTimeReport.hours(shift.end - shift.start - breakSeconds)
            let clock = calendar.local(shift.start).secondsOfDay
            night = rules.isNight(start: clock, end: clock + Int(shift.end - shift.start))
            late = night && calendar.local(shift.end).secondsOfDay > rules.lateNightEndSeconds
        }
    }

    struct Row {
        var shifts = 0
        var hours = 0.0
        var longestShift: Double?
        var nights = 0
        var longestSeries: Int?
        var mostInARow: Int?
        var shortestRest: Double?
        var shortestRestAfterNight: Double?
        var longestRest: Double?
        var sundaysFree = 0

        mutating func merge(_ week: Row) {
            shifts += week.shifts
            nights += week.nights
            sundaysFree += week.sundaysFree
            func most<T: Comparable>(_ a: T?, _ b: T?) -> T? { [a, b].compactMap { $0 }.max() }
            func least<T: Comparable>(_ a: T?, _ b: T?) -> T? { [a, b].compactMap { $0 }.min() }
            longestShift = most(longestShift, week.longestShift)
            longestSeries = most(longestSeries, week.longestSeries)
            mostInARow = most(mostInARow, week.mostInARow)
            shortestRest = least(shortestRest, week.shortestRest)
            shortestRestAfterNight = least(shortestRestAfterNight, week.shortestRestAfterNight)
            longestRest = most(longestRest, week.longestRest)
        }

        func cells(agent: String, week: String) -> [String] {
            func number(_ value: Double?) -> String {
                guard let value else { return "" }
                return Roster.number((value * 1000).rounded() / 1000)
            }
            return [
                agent, week, String(shifts), number(hours), number(longestShift), String(nights),
                longestSeries.map(String.init) ?? "", mostInARow.map(String.init) ?? "", number(shortestRest),
                number(shortestRestAfterNight), number(longestRest), String(sundaysFree),
            ]
        }
    }
}
