import StaffcastCore

/// The frame every HTML page of Staffcast shares (weekly report, capacity plan, review): one
/// style sheet inline, no scripts, fonts or network, so a page is one self-contained file.
enum ReportPage {
    /// A day as the reports' tables and charts label it: `Mon 6/1` (weekday, day/month).
    static func dayLabel(_ date: CivilDate) -> String { "\(WeekdayName.short(date.weekday)) \(date.day)/\(date.month)" }

    /// Everything up to and including `</head>`, for a page titled `title`.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(SVG.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>

        """
    }

    /// The shared style sheet.
    static let style = """
        body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 24px auto; max-width: 1080px; color: #1d2733; padding: 0 16px; }
        h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid #d5dbe3; padding-bottom: 4px; }
        .meta, .model, .note { color: #5b6673; font-size: 13px; font-weight: normal; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #e3e7ec; text-align: right; }
        th:first-child, td:first-child { text-align: left; } th { background: #f3f6fb; }
        tr.total td { font-weight: 600; border-top: 2px solid #b9c3cf; }
        svg.chart { width: 100%; height: auto; margin: 6px 0; }
        svg .title { font-size: 13px; font-weight: 600; fill: #1d2733; } svg .tick { font-size: 10px; fill: #5b6673; }
        svg .note { font-size: 10px; fill: #5b6673; } svg .grid { stroke: #e3e7ec; stroke-width: 1; } svg .day { stroke: #b9c3cf; stroke-width: 1; }
        section { break-inside: avoid-page; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
        """
}
