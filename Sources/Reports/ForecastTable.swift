import Forecasting
import StaffcastCore

/// `forecast.csv`: `timestamp,channel,forecast,lo80,hi80,lo95,hi95`, one row per open interval,
/// sorted by instant then channel; then `aht_seconds` (forecast average handle time) when any
/// channel's history has AHT — left empty for the channels whose history has none.
public enum ForecastTable {
    public static let header = ["timestamp", "channel", "forecast", "lo80", "hi80", "lo95", "hi95"]
    public static let ahtColumn = "aht_seconds"

    /// `aht`: per channel, the forecast AHT of each of its forecast's intervals (same order).
    public static func csv(_ forecasts: [Forecast], calendar: PlanningCalendar, aht: [String: [Double]] = [:]) -> String
    {
        var entries: [(Int64, String, Forecast, Int)] = []
        for forecast in forecasts {
            for i in forecast.instants.indices { entries.append((forecast.instants[i], forecast.channel, forecast, i)) }
        }
        entries.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        let withAHT = forecasts.contains { aht[$0.channel] != nil }
        var table = CSVTable(header: withAHT ? header + [ahtColumn] : header)
        for (instant, channel, f, i) in entries {
            var row = [
                calendar.format(instant), channel, Format.volume(f.mean[i]),
                Format.volume(f.lo80[i]), Format.volume(f.hi80[i]),
                Format.volume(f.lo95[i]), Format.volume(f.hi95[i]),
            ]
            if withAHT {
                let values = aht[channel]
                row.append(values.flatMap { i < $0.count ? Format.seconds($0[i]) : nil } ?? "")
            }
            table.append(row)
        }
        return table.render()
    }
}
