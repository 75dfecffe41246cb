import StaffcastCore

/// The equal-weight mean of several models' point forecasts — by default the calendar
/// regression, top-down and the six-week average (``WeeklyAverageModel``), which err in
/// different ways: a combination of forecasts is rarely worse than its average member and often
/// better than the best (Bates & Granger, Oper. Res. Q. 20, 1969; the M4 competition).
///
/// Members that cannot fit the history step aside and the mean is over the rest; the model
/// steps aside itself only when no member fits (with the first member's error).
public struct CombinationModel: ForecastModel {
    public let members: [any ForecastModel]
    public let name: String

    public init(
        members: [any ForecastModel] = [CalendarRegressionModel(), TopDownModel(), WeeklyAverageModel(weeks: 6)],
        name: String = "combo"
    ) {
        self.members = members
        self.name = name
    }

    public func fit(_ input: ForecastInput) throws(ForecastingError) -> any FittedForecastModel {
        try input.validate(model: name)
        var fitted: [any FittedForecastModel] = []
        var firstError: ForecastingError? = nil
        for member in members {
            do { fitted.append(try member.fit(input)) } catch {
                if firstError == nil { firstError = error }
            }
        }
        guard !fitted.isEmpty else {
            throw firstError ?? .invalidRequest("the combination '\(name)' has no members")
        }
        return Fitted(members: fitted)
    }

    struct Fitted: FittedForecastModel {
        let members: [any FittedForecastModel]

        func pointForecast(at instants: [Int64]) -> [Double] {
            var sum = Array(repeating: 0.0, count: instants.count)
            for member in members {
                for (k, value) in member.pointForecast(at: instants).enumerated() { sum[k] += value }
            }
            return sum.map { max(0, $0 / Double(members.count)) }
        }
    }
}
