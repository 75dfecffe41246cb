import Forecasting
import Foundation
import Queueing
import StaffcastCore

/// `staffcast capacity`: the forecast of up to 26 weeks per channel, the FTE each week needs
/// (every interval staffed as `plan` staffs it, at p50 and p80), the FTE the team will have
/// (attrition, planned hires, training, ramp-up), and the hires that close the gap.
///
/// Required FTE of a week, per channel, with interval length Δ hours, agents `n_i` on the phones
/// in interval `i` (the plan's requirement at the quantile), the shrinkage `s(i)` of the
/// interval's month and contract hours `h` per FTE:
///
///     FTE = Σ_i n_i Δ / (1 − s(i)) / h
///
/// the workload-driven requirement before shift-scheduling losses (a schedule adds a few per cent
/// where shift lengths do not fit the curve; `plan` reports that gap per week).
///
/// The model is chosen by backtests at the plan's whole horizon (17-week windows for a 17-week
/// plan); the weekly totals' error from the 4th week on is reported beside the choice. The
/// week's range is the total's (``WeeklyBand``: the weekly backtest errors at that lead), and
/// staffing at p80 (p95) staffs the week's intervals scaled to the total's 80th (95th)
/// percentile: the uncertainty months ahead is the level of the week, while the intervals' own
/// noise within a week is `plan`'s to staff.
public enum CapacityPlanner {
    /// The longest horizon of a capacity plan.
    public static let maximumWeeks = 26

    /// Plans `weeks` planning weeks from `from` for `config` (which must have `"capacity"`).
    public static func plan(
        _ config: PlanConfig, from: PlanWeek, weeks: Int, progress: ((String) -> Void)? = nil,
        warning: ((String) -> Void)? = nil
    ) throws(PlanningError) -> CapacityPlan {
        guard (1...maximumWeeks).contains(weeks) else {
            throw .invalidRequest(
                "--weeks: a capacity plan covers 1 to \(maximumWeeks) weeks, got \(weeks); the forecast does not support a longer horizon"
            )
        }
        guard let settings = config.capacity else {
            throw .config(
                path: config.path, key: "capacity",
                message:
                    "missing; give the team: {\"headcount\": {\"channel\": FTE, …}, \"attrition_per_week\": 0.005, \"training_weeks\": 3, …}"
            )
        }
        guard from.isSupported else { throw .invalidRequest("\(from.label) is outside the years a plan can be for") }
        let calendar = config.calendar
        var warnings: [String] = []
        func warn(_ text: String) {
            warnings.append(text)
            warning?(text)
        }
        let read = try PlanHistory.read(config, progress: progress, warn: warn)
        let history = read.history
        var planWeeks = [from]
        while planWeeks.count < weeks { planWeeks.append(planWeeks[planWeeks.count - 1].next) }
        let start = from.start(in: calendar)
        let end = planWeeks[planWeeks.count - 1].end(in: calendar)
        let historyEnd = read.historyEnd
        guard start - historyEnd <= Int64(WeeklyPlanner.maximumLeadDays) * 86_400 else {
            throw .invalidRequest(
                "\(from.label) starts \((start - historyEnd) / 86_400) days after the history ends (\(calendar.format(historyEnd))); a capacity plan starts at most \(WeeklyPlanner.maximumLeadDays) days after it"
            )
        }
        let origin = min(historyEnd, start)
        let span = (origin - read.historyStart) / 86_400
        if span < 364 {
            warn(
                "the history before \(from.label) covers \(span) days, less than a year: the yearly season (the November–December peak, summer) is not learned from it, and weeks of the plan fall outside what the history supports"
            )
        }
        if end - historyEnd > 365 * 86_400 {
            warn("the plan reaches \((end - historyEnd) / 86_400) days past the history's end, more than a year")
        }
        try check(settings, config: config, history: history, from: from, calendar: calendar)

        let models = try ForecastStep.models(config.model)
        let (eventsFile, events) = try PlanHistory.events(config, from: min(read.historyStart, origin), to: end)
        let ahtModels = try read.ahtModels(config, origin: origin, events: events)
        progress?("forecasting \(read.policies.count) channel(s) over \(weeks) weeks …")
        // The model is chosen by backtests at the plan's whole horizon. Scored on their
        // intervals: scoring them on weekly totals from week 4 chose worse on the capacity
        // suite's tune and check shops (README, issue 22's note); the weekly scores are reported.
        let forecasts = try read.forecasts(
            config, models: models, origin: origin,
            horizons: [Int](repeating: Int(end - origin), count: read.policies.count), events: events)
        let originDay = calendar.local(origin).date.daysSinceEpoch

        var rows: [CapacityPlan.Row] = []
        var hiring: [CapacityPlan.Hiring] = []
        var chosen: [String: String] = [:]
        var choices: [String: ModelChoice] = [:]
        for (k, (channel, policy)) in read.policies.enumerated() {
            guard let series = history.series(for: channel), let auto = forecasts[k] else { continue }
            let full = auto.forecast
            chosen[channel] = full.model
            choices[channel] = auto.choice
            let found = ForecastStep.findings(
                series, calendar: calendar, origin: origin, horizonSeconds: Int(end - origin),
                calendarEvents: events.calendar, userEvents: events.user)
            for text in found.holidays.compactMap(\.warning) { warn("\(channel): \(text)") }
            for anomaly in found.anomalies { warn("\(channel): \(anomaly.description)") }
            progress?("\(channel): staffing \(weeks) weeks …")
            var channelRows: [CapacityPlan.Row] = []
            for week in planWeeks {
                let range = week.start(in: calendar)..<week.end(in: calendar)
                let forecast = full.restricted(to: range)
                let aht = ahtModels[channel]?.aht(at: forecast.instants)
                let channelAHT = policy.usesForecastAHT(available: aht != nil) ? aht : nil
                var waiting: [WaitingWork] = []
                if case .deferred(let rules) = policy.kind {
                    waiting = try WeeklyPlanner.openingBacklog(
                        rules, series: series, full: full, origin: origin, week: range,
                        ahtSeconds: channelAHT.map { RequirementPlanner.meanAHT($0, weights: forecast.mean) }
                            ?? policy.ahtSeconds,
                        intervalSeconds: history.intervalSeconds, calendar: calendar, source: config.path)
                }
                // The week's range is its total's, from the weekly backtest errors at its lead;
                // a quantile staffs the week's intervals scaled to that quantile of the total.
                let lead = (week.firstDate.daysSinceEpoch - originDay) / 7
                let total = forecast.mean.reduce(0, +)
                let band = auto.weeklyBand.bounds(total, leadWeek: lead)
                var required: [StaffTo: Double] = [:]
                for quantile in Set([StaffTo.p50, .p80, settings.quantile]) {
                    let factor = auto.weeklyBand.factor(normalQuantile: quantile.normalQuantile, leadWeek: lead)
                    let staffed = try RequirementPlanner.staff(
                        factor == 1 ? forecast : forecast.scaled(by: factor), policy: policy,
                        intervalSeconds: history.intervalSeconds, staffTo: .p50, aht: channelAHT,
                        calendar: calendar, horizon: range, waiting: waiting, source: config.path)
                    required[quantile] = requiredFTE(
                        staffed, policy: policy, settings: settings, intervalSeconds: history.intervalSeconds,
                        fteHours: config.fteHoursPerWeek, calendar: calendar)
                }
                channelRows.append(
                    CapacityPlan.Row(
                        week: week, channel: channel,
                        forecast: total, lo80: band.lo80, hi80: band.hi80, lo95: band.lo95,
                        hi95: band.hi95, requiredP50: required[.p50] ?? 0,
                        requiredP80: required[.p80] ?? 0, required: required[settings.quantile] ?? 0,
                        available: 0, availableWithHires: 0))
            }
            // A planned hire counts from the week holding its date; a date inside a week or after
            // the horizon is said, never moved or dropped in silence.
            for (i, hire) in settings.hires.enumerated() where hire.channel == channel {
                let index = weekIndex(of: hire.start, in: planWeeks)
                if index >= planWeeks.count {
                    warn(
                        "capacity.hires[\(i)]: \(hire.count) \(channel) hire(s) starting \(hire.start) begin after the plan's last week (\(planWeeks.last?.label ?? "")): not counted in it"
                    )
                } else if hire.start != planWeeks[index].firstDate {
                    warn(
                        "capacity.hires[\(i)]: \(hire.count) \(channel) hire(s) starting \(hire.start), a \(WeekdayName.full(hire.start.weekday)): counted from their week \(planWeeks[index].label) (starting \(planWeeks[index].firstDate)); training and ramp-up are counted in whole weeks"
                    )
                }
            }
            let planned = settings.hires.filter { $0.channel == channel }.map { hire in
                HiringPlanner.Cohort(
                    startWeek: weekIndex(of: hire.start, in: planWeeks), count: hire.count, forWeek: -1, planned: true)
            }
            let result = HiringPlanner.plan(
                required: channelRows.map(\.required), headcount: settings.headcount[channel] ?? 0,
                settings: settings, planned: planned)
            for i in channelRows.indices {
                channelRows[i].available = result.availableBefore[i]
                channelRows[i].availableWithHires = result.availableAfter[i]
            }
            rows += channelRows
            for startWeek in Set(planned.map(\.startWeek)).sorted() where startWeek < planWeeks.count {
                let count = planned.filter { $0.startWeek == startWeek }.reduce(0) { $0 + $1.count }
                let cohort = HiringPlanner.Cohort(startWeek: startWeek, count: count, forWeek: -1, planned: true)
                hiring.append(hire(channel, cohort: cohort, count: count, weeks: planWeeks, settings: settings))
            }
            for cohort in result.recommended {
                hiring.append(hire(channel, cohort: cohort, count: cohort.count, weeks: planWeeks, settings: settings))
            }
            if let worst = result.tooLate.max(by: { channelRows[$0].gapWithHires < channelRows[$1].gapWithHires }) {
                let full =
                    settings.weeksToFullOutput < planWeeks.count
                    ? "only in \(planWeeks[settings.weeksToFullOutput].label)" : "after the horizon"
                warn(
                    "\(channel): short in \(result.tooLate.map { planWeeks[$0].label }.joined(separator: ", ")) (at most \(NumberFormat.plain(channelRows[worst].gapWithHires, maxFractionDigits: 1)) FTE at \(settings.quantile.rawValue), in \(planWeeks[worst].label)); a hire started in \(from.label) reaches full output \(full): cover these weeks with overtime, temporary agents or a lower target"
                )
            }
            let tooLateWeeks = result.tooLate.map { planWeeks[$0] }
            if !tooLateWeeks.isEmpty { hiring.append(CapacityPlan.Hiring(channel: channel, tooLate: tooLateWeeks)) }
        }
        let inputs = read.inputs(config, eventsFile: eventsFile)
        var plan = CapacityPlan(
            config: config, settings: settings, weeks: planWeeks, origin: origin, rows: rows,
            hiring: hiring, inputs: inputs, warnings: warnings)
        plan.models = chosen
        plan.choices = choices
        return plan
    }

    /// `FTE = Σ n_i Δ / (1 − s(i)) / h` over the staffed intervals.
    public static func requiredFTE(
        _ rows: [RequirementRow], policy: ChannelPolicy, settings: CapacitySettings, intervalSeconds: Int,
        fteHours: Double, calendar: PlanningCalendar
    ) -> Double {
        let hours = Double(intervalSeconds) / 3600
        var total = 0.0
        for row in rows {
            let month = calendar.local(row.instant).date.month
            let shrinkage = settings.shrinkageByMonth[month] ?? policy.target.shrinkage
            total += Double(row.staffing.agents) * hours / (1 - shrinkage)
        }
        return total / fteHours
    }

    /// The planned week holding `date` (0 = the first); a date after the horizon gives `weeks.count`.
    static func weekIndex(of date: CivilDate, in weeks: [PlanWeek]) -> Int {
        weeks.firstIndex { $0.dates.contains(date) } ?? weeks.count
    }

    static func hire(
        _ channel: String, cohort: HiringPlanner.Cohort, count: Int, weeks: [PlanWeek],
        settings: CapacitySettings
    ) -> CapacityPlan.Hiring {
        let full = cohort.startWeek + settings.weeksToFullOutput
        let takes = cohort.startWeek + settings.trainingWeeks
        return CapacityPlan.Hiring(
            channel: channel, startWeek: weeks[cohort.startWeek], count: count,
            fte: Double(count) * settings.hireFTE,
            firstContactsWeek: takes < weeks.count ? weeks[takes] : nil,
            fullOutputWeek: full < weeks.count ? weeks[full] : nil,
            forWeek: cohort.forWeek >= 0 ? weeks[cohort.forWeek] : nil, planned: cohort.planned)
    }

    /// Headcount for every channel, hires on known channels and not before the first week.
    static func check(
        _ settings: CapacitySettings, config: PlanConfig, history: ContactHistory, from: PlanWeek,
        calendar: PlanningCalendar
    ) throws(PlanningError) {
        for channel in history.channels where settings.headcount[channel] == nil {
            throw .config(
                path: config.path, key: "capacity.headcount.\(channel)",
                message:
                    "missing; give the productive FTE on '\(channel)' at the start of \(from.label) (0 for a new channel)"
            )
        }
        for name in settings.headcount.keys.sorted() where history.series(for: name) == nil {
            throw .config(
                path: config.path, key: "capacity.headcount.\(name)",
                message: "the history has no channel '\(name)'; it has \(history.channels.joined(separator: ", "))")
        }
        for (i, hire) in settings.hires.enumerated() {
            if history.series(for: hire.channel) == nil {
                throw .config(
                    path: config.path, key: "capacity.hires[\(i)].channel",
                    message:
                        "the history has no channel '\(hire.channel)'; it has \(history.channels.joined(separator: ", "))"
                )
            }
            if hire.start < from.firstDate {
                throw .config(
                    path: config.path, key: "capacity.hires[\(i)].start",
                    message:
                        "\(hire.start) is before the plan's first week \(from.label) (\(from.firstDate)); count people already hired in capacity.headcount, with their ramp-up as a fraction of an FTE"
                )
            }
        }
    }
}
