import Forecasting

/// What-if scenarios: the plan's forecast re-staffed with each scenario's factors and targets
/// (no re-forecast).
public enum ScenarioPlanner {
    /// A `baseline` row per channel (from the plan's own requirements), then each scenario's rows:
    /// the same forecast with its volume factor, staffed with the scenario's policy. Agent-hours
    /// are Σ headcount × interval length, as in `weekly_staffing.csv`.
    public static func staff(
        _ scenarios: [Scenario], channels: [ChannelPlan], intervalSeconds: Int,
        staffTo: StaffTo
    ) throws(PlanningError) -> [ScenarioStaffing] {
        let hours = Double(intervalSeconds) / 3600
        func row(_ name: String, _ channel: String, _ rows: [RequirementRow]) -> ScenarioStaffing {
            ScenarioStaffing(
                scenario: name, channel: channel, contacts: rows.reduce(0) { $0 + $1.meanContacts },
                agentHoursRequired: rows.reduce(0) { $0 + Double($1.staffing.headcount) * hours },
                headcountPeak: rows.map(\.staffing.headcount).max() ?? 0)
        }
        var result = channels.map { row("baseline", $0.channel, $0.requirements) }
        for scenario in scenarios {
            for plan in channels {
                let factor = scenario.volume(for: plan.channel)
                let ahtFactor = scenario.aht(for: plan.channel)
                let aht = plan.staffedWithForecastAHT ? plan.forecastAHT?.map { $0 * ahtFactor } : nil
                let rows = try RequirementPlanner.staff(
                    plan.forecast.scaled(by: factor),
                    policy: scenario.apply(to: plan.policy, channel: plan.channel),
                    intervalSeconds: intervalSeconds, staffTo: staffTo, aht: aht)
                result.append(row(scenario.name, plan.channel, rows))
            }
        }
        return result
    }
}
