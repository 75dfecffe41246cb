import StaffcastCore

/// Inline SVG drawings for the weekly report: no scripts, fonts or network, so the HTML file is
/// self-contained and prints as it shows.
enum SVG {
    /// Escapes text for HTML/SVG content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func number(_ x: Double) -> String { NumberFormat.plain(x, maxFractionDigits: 1) }

    /// A "nice" upper bound for an axis (1, 2 or 5 × 10^k at or above `x`).
    static func niceCeiling(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        var step = 1.0
        while step * 10 <= x { step *= 10 }
        while step > x { step /= 10 }
        for factor in [1.0, 2, 5, 10] where step * factor >= x { return step * factor }
        return step * 10
    }
}

/// One series to draw against the positions 0..<count of a chart.
struct ChartLine {
    var label: String
    var values: [Double?]  // nil: no point (gap)
    var colour: String
    var dashed = false
    var width = 1.5
}

/// A band (lower, upper) shaded under the lines, e.g. a prediction interval.
struct ChartBand {
    var label: String
    var lower: [Double?]
    var upper: [Double?]
    var colour: String
    var opacity: Double
}

/// A time chart over a sequence of intervals, drawn by position so nights and weekends without
/// intervals take no room and DST days simply have 46 or 50 positions. Day boundaries are
/// labelled below the axis.
struct TimeChart {
    var title: String
    var count: Int
    /// (position, label) where a new day starts.
    var dayStarts: [(Int, String)]
    var lines: [ChartLine]
    var bands: [ChartBand] = []
    /// A position from which the chart is shaded as "forecast".
    var forecastFrom: Int? = nil
    var yLabel: String
    /// Positions marked by a dashed vertical line labelled at the top (hiring starts).
    var markers: [(position: Int, label: String)] = []
    var width = 1000.0
    var height = 260.0

    func render() -> String {
        let left = 56.0
        let right = 12.0
        let top = 28.0
        let bottom = 44.0
        let plotW = width - left - right
        let plotH = height - top - bottom
        let allValues = (lines.flatMap(\.values) + bands.flatMap(\.upper)).compactMap { $0 }.filter(\.isFinite)
        let yMax = SVG.niceCeiling(allValues.max() ?? 1)
        func x(_ i: Int) -> Double { left + (count <= 1 ? 0 : Double(i) / Double(count - 1) * plotW) }
        func y(_ v: Double) -> Double { top + plotH - min(max(v, 0), yMax) / yMax * plotH }
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" role=\"img\" aria-label=\"\(SVG.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<text x=\"\(SVG.number(left))\" y=\"16\" class=\"title\">\(SVG.escape(title))</text>\n"
        if let from = forecastFrom, from < count {
            svg +=
                "<rect x=\"\(SVG.number(x(from)))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(x(count - 1) - x(from)))\" height=\"\(SVG.number(plotH))\" fill=\"#f3f6fb\"/>\n"
            svg +=
                "<text x=\"\(SVG.number(x(from) + 4))\" y=\"\(SVG.number(top + 12))\" class=\"note\">forecast</text>\n"
        }
        for k in 0...4 {
            let v = yMax * Double(k) / 4
            svg +=
                "<line x1=\"\(SVG.number(left))\" x2=\"\(SVG.number(left + plotW))\" y1=\"\(SVG.number(y(v)))\" y2=\"\(SVG.number(y(v)))\" class=\"grid\"/>"
            svg +=
                "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y(v) + 4))\" class=\"tick\" text-anchor=\"end\">\(NumberFormat.plain(v, maxFractionDigits: 1))</text>\n"
        }
        svg +=
            "<text x=\"12\" y=\"\(SVG.number(top + plotH / 2))\" class=\"tick\" transform=\"rotate(-90 12 \(SVG.number(top + plotH / 2)))\" text-anchor=\"middle\">\(SVG.escape(yLabel))</text>\n"
        // Every day gets its line; labels only where the last one leaves room (about 7 px a character).
        var labelEnd = -Double.infinity
        for (position, label) in dayStarts {
            svg +=
                "<line x1=\"\(SVG.number(x(position)))\" x2=\"\(SVG.number(x(position)))\" y1=\"\(SVG.number(top))\" y2=\"\(SVG.number(top + plotH + 4))\" class=\"day\"/>"
            guard x(position) + 3 >= labelEnd else {
                svg += "\n"
                continue
            }
            svg +=
                "<text x=\"\(SVG.number(x(position) + 3))\" y=\"\(SVG.number(top + plotH + 16))\" class=\"tick\">\(SVG.escape(label))</text>\n"
            labelEnd = x(position) + 3 + Double(label.count) * 7 + 6
        }
        for band in bands {
            for segment in segments(band.lower.indices.map { i in band.lower[i] != nil && band.upper[i] != nil }) {
                let upper = segment.map { "\(SVG.number(x($0))),\(SVG.number(y(band.upper[$0] ?? 0)))" }
                let lower = segment.reversed().map { "\(SVG.number(x($0))),\(SVG.number(y(band.lower[$0] ?? 0)))" }
                svg +=
                    "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(band.colour)\" fill-opacity=\"\(band.opacity)\" stroke=\"none\"/>\n"
            }
        }
        for line in lines {
            for segment in segments(line.values.map { $0 != nil }) {
                let points = segment.map { "\(SVG.number(x($0))),\(SVG.number(y(line.values[$0] ?? 0)))" }.joined(
                    separator: " ")
                svg +=
                    "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"\(line.width)\"\(line.dashed ? " stroke-dasharray=\"4 3\"" : "")/>\n"
            }
        }
        for (position, label) in markers where position >= 0 && position < count {
            svg +=
                "<line x1=\"\(SVG.number(x(position)))\" x2=\"\(SVG.number(x(position)))\" y1=\"\(SVG.number(top))\" y2=\"\(SVG.number(top + plotH))\" stroke=\"#c0392b\" stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/>"
            svg +=
                "<text x=\"\(SVG.number(x(position) + 3))\" y=\"\(SVG.number(top + 10))\" class=\"note\" fill=\"#c0392b\">\(SVG.escape(label))</text>\n"
        }
        // Legend
        var legendX = left
        let items = lines.map { ($0.label, $0.colour, 1.0) } + bands.map { ($0.label, $0.colour, $0.opacity) }
        for (label, colour, opacity) in items {
            svg +=
                "<rect x=\"\(SVG.number(legendX))\" y=\"\(SVG.number(height - 14))\" width=\"14\" height=\"8\" fill=\"\(colour)\" fill-opacity=\"\(opacity)\"/>"
            svg +=
                "<text x=\"\(SVG.number(legendX + 18))\" y=\"\(SVG.number(height - 6))\" class=\"tick\">\(SVG.escape(label))</text>\n"
            legendX += 26 + Double(label.count) * 6.5
        }
        return svg + "</svg>\n"
    }

    /// Runs of consecutive positions where `present` is true.
    private func segments(_ present: [Bool]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for (i, p) in present.enumerated() {
            if p {
                current.append(i)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}

/// A day × time-of-day heat map (rows: days; columns: local clock slots).
struct HeatMap {
    var title: String
    var rowLabels: [String]
    var columnLabels: [String]  // one per slot; shown every few columns
    var values: [[Double?]]  // [row][column]; nil = closed / no interval
    var labelEvery: Int

    func render() -> String {
        let left = 80.0
        let top = 28.0
        let cell = 18.0
        let cellW = max(8.0, min(20.0, 900.0 / Double(max(1, columnLabels.count))))
        let width = left + cellW * Double(columnLabels.count) + 20
        let height = top + cell * Double(rowLabels.count) + 40
        let maxValue = values.flatMap { $0 }.compactMap { $0 }.max() ?? 0
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" role=\"img\" aria-label=\"\(SVG.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<text x=\"\(SVG.number(left))\" y=\"16\" class=\"title\">\(SVG.escape(title))</text>\n"
        for (r, label) in rowLabels.enumerated() {
            let y = top + Double(r) * cell
            svg +=
                "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y + cell - 5))\" class=\"tick\" text-anchor=\"end\">\(SVG.escape(label))</text>\n"
            for c in columnLabels.indices {
                let x = left + Double(c) * cellW
                guard let v = values[r][c] else {
                    svg +=
                        "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(cellW - 1))\" height=\"\(SVG.number(cell - 1))\" fill=\"#eeeeee\"/>"
                    continue
                }
                let share = maxValue > 0 ? v / maxValue : 0
                svg +=
                    "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(cellW - 1))\" height=\"\(SVG.number(cell - 1))\" fill=\"\(Self.colour(share))\"><title>\(SVG.escape(label)) \(SVG.escape(columnLabels[c])): \(NumberFormat.plain(v, maxFractionDigits: 1))</title></rect>"
            }
            svg += "\n"
        }
        for c in columnLabels.indices where c % max(1, labelEvery) == 0 {
            let x = left + Double(c) * cellW
            svg +=
                "<text x=\"\(SVG.number(x))\" y=\"\(SVG.number(top + cell * Double(rowLabels.count) + 14))\" class=\"tick\">\(SVG.escape(columnLabels[c]))</text>"
        }
        svg +=
            "\n<text x=\"\(SVG.number(left))\" y=\"\(SVG.number(height - 6))\" class=\"note\">darker = more; peak \(NumberFormat.plain(maxValue, maxFractionDigits: 0)); grey = closed</text>\n"
        return svg + "</svg>\n"
    }

    /// White → deep blue, readable in greyscale print.
    static func colour(_ share: Double) -> String {
        let s = min(max(share, 0), 1)
        let r = Int((1 - s) * 235 + s * 16)
        let g = Int((1 - s) * 242 + s * 62)
        let b = Int((1 - s) * 250 + s * 140)
        func hex(_ v: Int) -> String {
            let h = String(v, radix: 16)
            return h.count == 1 ? "0" + h : h
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }
}
