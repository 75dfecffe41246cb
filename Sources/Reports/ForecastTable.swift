import StaffcastCore
import Forecasting

/// `forecast.csv`: `timestamp,channel,forecast,lo80,hi80,lo95,hi95`, one row per open interval,
/// sorted by instant then channel.
public enum ForecastTable {
    public static let header = ["timestamp", "channel", "forecast", "lo80", "hi80", "lo95", "hi95"]

    public static func csv(_ forecasts: [Forecast], calendar: PlanningCalendar) -> String {
        var entries: [(Int64, String, Forecast, Int)] = []
        for forecast in forecasts {
            for i in forecast.instants.indices { entries.append((forecast.instants[i], forecast.channel, forecast, i)) }
        }
        entries.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var table = CSVTable(header: header)
        for (instant, channel, f, i) in entries {
            table.append([calendar.format(instant), channel, Format.volume(f.mean[i]),
                          Format.volume(f.lo80[i]), Format.volume(f.hi80[i]),
                          Format.volume(f.lo95[i]), Format.volume(f.hi95[i])])
        }
        return table.render()
    }
}
