import StaffcastCore

@testable import Rostering

/// An independent check of a roster against working-time rules, written from the rule text and
/// nothing of the solver: it works on the published shifts' instants and the zone's clock only.
///
/// A night shift: more than an hour of work between 00:00 and 06:00 local (measured in real
/// time); hours are real; a week is a 7-day block of the period from its first day's midnight; a
/// series or a run is shifts on consecutive dates.
enum WorkingTimeCheck {
    struct Shift {
        var date: CivilDate
        var start: Int64
        var end: Int64
        var breakSeconds: Int64 = 0
    }

    static func shifts(of roster: Roster, agent: String) -> [Shift] {
        roster.shifts.filter { $0.agent == agent }.map {
            Shift(
                date: $0.date, start: $0.start, end: $0.end,
                breakSeconds: ($0.breakEnd ?? 0) - ($0.breakStart ?? 0))
        }
    }

    /// Every broken rule, as text naming it and the shift; `before` are shifts of the weeks before.
    static func violations(
        _ period: [Shift], before: [Shift] = [], rules: WorkingTimeRules, calendar: PlanningCalendar,
        dates: [CivilDate]
    ) -> [String] {
        var found: [String] = []
        let all = (before + period).sorted { $0.start < $1.start }
        let hour: Int64 = 3600
        func isNight(_ s: Shift) -> Bool {
            var inNight: Int64 = 0
            for date in [s.date, s.date.adding(days: 1)] {
                let midnight = calendar.startOfDay(date)
                let six = calendar.instants(for: LocalDateTime(date: date, secondsOfDay: 6 * 3600)).first ?? midnight
                inNight += max(0, min(s.end, six) - max(s.start, midnight))
            }
            return inNight > hour
        }
        func work(_ s: Shift) -> Int64 { s.end - s.start - s.breakSeconds }
        for s in period {
            if let most = rules.maxShiftSeconds, work(s) > Int64(most) { found.append("max_shift_hours \(s.date)") }
            if let most = rules.maxNightShiftSeconds, isNight(s), work(s) > Int64(most) {
                found.append("max_night_shift_hours \(s.date)")
            }
        }
        // Rest between consecutive shifts, and after nights and series of nights.
        for i in all.indices.dropFirst() {
            let a = all[i - 1]
            let b = all[i]
            guard b.start >= calendar.startOfDay(dates[0]) || period.contains(where: { $0.start == b.start }) else {
                continue
            }
            let rest = b.start - a.end
            if let daily = rules.dailyRestSeconds, rest < Int64(daily) { found.append("daily_rest_hours \(b.date)") }
            if let after = rules.restAfterNightSeconds, isNight(a),
                calendar.local(a.end).secondsOfDay > 2 * 3600, rest < Int64(after)
            {
                found.append("rest_after_night_hours \(b.date)")
            }
            var series = 0
            var j = i - 1
            while j >= 0, isNight(all[j]), j == i - 1 || all[j].date.adding(days: 1) == all[j + 1].date {
                series += 1
                j -= 1
            }
            let continues = isNight(b) && a.date.adding(days: 1) == b.date
            if let after = rules.restAfterNightSeriesSeconds, series >= rules.nightSeriesLength, !continues,
                rest < Int64(after)
            {
                found.append("rest_after_night_series_hours \(b.date)")
            }
        }
        // Runs of shifts on consecutive dates with a night among them.
        if let most = rules.maxShiftsInARowWithNight {
            var run: [Shift] = []
            for s in all {
                if let last = run.last, last.date.adding(days: 1) == s.date { run.append(s) } else { run = [s] }
                if run.count > most && run.contains(where: isNight) {
                    found.append("max_shifts_in_a_row_with_night \(s.date)")
                }
            }
        }
        // Weeks: hours and the longest rest inside each.
        let weeks = dates.count / 7
        var total: Int64 = 0
        for w in 0..<weeks {
            let from = calendar.startOfDay(dates[7 * w])
            let to = calendar.startOfDay(dates[7 * w].adding(days: 7))
            let hours = period.filter { $0.start >= from && $0.start < to }.reduce(Int64(0)) { $0 + work($1) }
            total += hours
            if let most = rules.maxWeekSeconds, hours > Int64(most) { found.append("max_week_hours week \(w + 1)") }
            if let weekly = rules.weeklyRestSeconds {
                var longest: Int64 = 0
                var restFrom = Int64.min
                for s in all {
                    longest = max(longest, min(s.start, to) - max(restFrom, from))
                    restFrom = max(restFrom, s.end)
                }
                longest = max(longest, to - max(restFrom, from))
                if longest < Int64(weekly) { found.append("weekly_rest_hours week \(w + 1)") }
            }
        }
        if let average = rules.maxAverageWeekSeconds, weeks > 0, weeks <= rules.averageWeeks,
            total > Int64(average) * Int64(weeks)
        {
            found.append("max_average_week_hours")
        }
        // Free Sundays: no work at all between Sunday's midnight and Monday's.
        let sundays = dates.filter { $0.weekday == 7 }
        let free = sundays.filter { sunday in
            let from = calendar.startOfDay(sunday)
            let to = calendar.startOfDay(sunday.adding(days: 1))
            return !period.contains { $0.start < to && $0.end > from }
        }
        if free.count < rules.freeSundays(weeks: weeks) { found.append("min_free_sundays") }
        return found
    }
}
