import StaffcastCore
import Queueing
import Scheduling
import Reports

/// The shift step of `plan`: covers each interval's headcount with the config's shift templates,
/// then re-scores every interval with the agents the shifts actually put on the phones.
enum ShiftStep {
    struct Result {
        var schedule: Schedule
        /// Required versus scheduled per interval, with the service level the schedule yields.
        var scores: [CoverageScore]
        /// Paid agent-hours in shifts per `key(date, channel)`.
        var hours: [String: Double]
    }

    static func key(_ date: CivilDate, _ channel: String) -> String { "\(date)|\(channel)" }

    static func schedule(_ requirements: [RequirementRow], config: PlanConfig, policies: [String: ChannelPolicy],
                         intervalSeconds: Int, calendar: PlanningCalendar, dates: [CivilDate]) throws(CLIError) -> Result {
        let templates = config.shifts.templates
        do { try ShiftPlanning.check(templates, intervalSeconds: intervalSeconds, source: "shifts") } catch {
            if case let .usage(message) = error { throw .config(path: config.path, key: "shifts", message: message) }
            throw error
        }
        let entries = requirements.map { (channel: $0.channel, instant: $0.instant, headcount: $0.staffing.headcount) }
        let curves = try ShiftPlanning.requirements(entries, intervalSeconds: intervalSeconds, calendar: calendar,
                                                    source: config.path, dates: dates)
        let schedule = try ShiftPlanning.solve(curves, templates: templates, tours: config.shifts.tours)

        var byKey: [String: RequirementRow] = [:]
        for row in requirements { byKey["\(row.channel)|\(row.instant)"] = row }
        var scores: [CoverageScore] = []
        for row in schedule.coverage.sorted(by: { ($0.instant, $0.channel) < ($1.instant, $1.channel) }) {
            if let source = byKey["\(row.channel)|\(row.instant)"], let policy = policies[row.channel] {
                // Deferred work has no per-interval service level: the deadline is met when every
                // interval is covered (gap ≥ 0), so its service_level stays empty.
                var serviceLevel: Double? = nil
                if policy.deadlineSeconds == nil {
                    let onPhones = productiveAgents(scheduled: row.scheduled, shrinkage: policy.target.shrinkage)
                    var scored = policy
                    scored.ahtSeconds = source.ahtSeconds
                    serviceLevel = StaffingStep.metrics(contacts: source.meanContacts, intervalSeconds: intervalSeconds,
                                                        policy: scored, agents: onPhones).serviceLevel
                }
                scores.append(CoverageScore(instant: row.instant, channel: row.channel, required: row.required,
                                            scheduled: row.scheduled, serviceLevel: serviceLevel))
            } else if row.scheduled > 0 {
                // Agents on shift in an interval the channel does not plan (a shift running past closing).
                scores.append(CoverageScore(instant: row.instant, channel: row.channel, required: row.required,
                                            scheduled: row.scheduled, serviceLevel: nil))
            }
        }
        var hours: [String: Double] = [:]
        for shift in schedule.shifts {
            hours[key(shift.date, shift.channel), default: 0] += Double(shift.agents) * shift.paidHoursPerAgent
        }
        return Result(schedule: schedule, scores: scores, hours: hours)
    }

    /// Agents on the phones out of `scheduled` heads: ⌊heads × (1 − shrinkage)⌋, the inverse of
    /// the headcount ceiling (a product that is a whole number in exact arithmetic stays whole).
    static func productiveAgents(scheduled: Int, shrinkage: Double) -> Int {
        Int((Double(scheduled) * (1 - shrinkage) + 1e-9).rounded(.down))
    }

    /// `coverage.csv`: `timestamp,channel,required,scheduled,gap,service_level`.
    static func coverageCSV(_ scores: [CoverageScore], calendar: PlanningCalendar) -> String {
        var table = CSVTable(header: ["timestamp", "channel", "required", "scheduled", "gap", "service_level"])
        for row in scores {
            table.append([calendar.format(row.instant), row.channel, String(row.required), String(row.scheduled),
                          String(row.scheduled - row.required),
                          row.serviceLevel.map { $0.isFinite ? Format.fraction($0) : "" } ?? ""])
        }
        return table.render()
    }
}
