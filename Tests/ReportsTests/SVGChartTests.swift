import Foundation
import XCTest

@testable import Reports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Whether `text` is well-formed XML by Foundation's `XMLParser`, with the nesting checked here too:
/// on Linux the parser reports only fatal errors (a bare `<` or `&`), and carries on past a
/// mismatched end tag, as `XMLDocument` recovers from every error instead of throwing.
func isWellFormedXML(_ text: String) -> Bool {
    final class Nesting: NSObject, XMLParserDelegate {
        var open: [String] = []
        var balanced = true
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            open.append(elementName)
        }
        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if open.popLast() != elementName { balanced = false }
        }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let nesting = Nesting()
    parser.delegate = nesting
    return parser.parse() && nesting.balanced && nesting.open.isEmpty
}

/// Parses an SVG (or any XML) fragment, failing the test when it is not well-formed.
func parseXML(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> XMLDocument? {
    guard isWellFormedXML(text) else {
        XCTFail("not well-formed XML:\n\(text.prefix(400))", file: file, line: line)
        return nil
    }
    do {
        return try XMLDocument(xmlString: text, options: [])
    } catch {
        XCTFail("XMLDocument refused it: \(error)", file: file, line: line)
        return nil
    }
}

/// The elements named `name` anywhere in `document` (SVG elements live in the SVG namespace, so
/// matched by local name).
func elements(_ name: String, in document: XMLDocument) throws -> [XMLElement] {
    try document.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
}

/// The value of the attribute `name` of `element` (looked up in the attribute list: Foundation on
/// Linux finds no unprefixed attribute by name on an element in a namespace).
func attribute(_ name: String, of element: XMLElement?) -> String? {
    element?.attributes?.first { $0.name == name }?.stringValue
}

/// Every `<svg …>…</svg>` fragment of an HTML page.
func svgFragments(_ html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg "),
        let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
    {
        out.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return out
}

/// Whether an HTML page loads nothing from elsewhere: no URL apart from the SVG namespace name
/// (an identifier, never fetched), no scripts, style sheets, images or fonts from outside.
func assertSelfContained(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
    let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    for needle in ["http://", "https://", "<script", "<link", "<img", "<iframe", "src=", "href=", "@import", "url("] {
        XCTAssertFalse(withoutNamespace.contains(needle), "the page holds \(needle)", file: file, line: line)
    }
}

final class SVGChartTests: XCTestCase {
    func testEscapeReplacesTheFiveMarkupCharacters() {
        XCTAssertEqual(SVG.escape(#"a<b & "c" 'd'>"#), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        XCTAssertEqual(SVG.escape("&amp;"), "&amp;amp;", "an entity in the input is text, escaped again")
        XCTAssertEqual(SVG.escape("Ünïcode – 30m"), "Ünïcode – 30m", "other characters pass through")
        XCTAssertEqual(SVG.escape(""), "")
    }

    func testNiceCeilingIsTheNextOneTwoOrFiveTimesAPowerOfTen() {
        let cases: [(Double, Double)] = [
            (0, 1), (-3, 1), (.nan, 1), (.infinity, 1),
            (0.03, 0.05), (0.3, 0.5), (0.75, 1), (1, 1), (1.2, 2), (2, 2), (2.5, 5), (5, 5), (7, 10),
            (10, 10), (12, 20), (99, 100), (100, 100), (101, 200), (250, 500), (4999, 5000), (5001, 10_000),
        ]
        for (x, expected) in cases {
            XCTAssertEqual(SVG.niceCeiling(x), expected, accuracy: 1e-12 * expected, "niceCeiling(\(x))")
        }
    }

    /// Labels with markup characters reach the drawing escaped, and read back as written.
    func testChartEscapesTitleAxisDayMarkerAndLegendLabels() throws {
        let title = #"Calls <EU> & "Support""#
        let chart = TimeChart(
            title: title, count: 3, dayStarts: [(0, "Mon <1>")],
            lines: [ChartLine(label: "it's <forecast>", values: [1, 2, 3], colour: "#000")],
            yLabel: "a & b", markers: [(position: 1, label: "hire <3>")])
        let svg = chart.render()
        for raw in ["<EU>", "<1>", "<forecast>", "<3>", "a & b", "it's"] {
            XCTAssertFalse(svg.contains(raw), "\(raw) unescaped")
        }
        XCTAssertTrue(svg.contains("Calls &lt;EU&gt; &amp; &quot;Support&quot;"))
        XCTAssertTrue(svg.contains("aria-label=\"Calls &lt;EU&gt; &amp; &quot;Support&quot;\""))
        let document = try XCTUnwrap(parseXML(svg))
        let texts = try elements("text", in: document).map { $0.stringValue ?? "" }
        for label in [title, "Mon <1>", "it's <forecast>", "a & b", "hire <3>"] {
            XCTAssertTrue(texts.contains(label), "\(label) reads back from the parsed SVG; texts: \(texts)")
        }
        XCTAssertEqual(attribute("aria-label", of: document.rootElement()), title)
    }

    /// nil values break a line: [1, 2, –, 4, –, –, 5, 6] is drawn as three polylines. With a plot
    /// area of 700 × 200 (left 56, top 28) and 8 positions, x = 56 + 100 i; the axis tops out at
    /// niceCeiling(6) = 10, so y = 228 − 20 v.
    func testGapsSplitALineIntoSegments() throws {
        let chart = TimeChart(
            title: "gaps", count: 8, dayStarts: [],
            lines: [ChartLine(label: "v", values: [1, 2, nil, 4, nil, nil, 5, 6], colour: "#123456")],
            yLabel: "n", width: 768, height: 272)
        let svg = chart.render()
        let document = try XCTUnwrap(parseXML(svg))
        let points = try elements("polyline", in: document).map { attribute("points", of: $0) }
        // The lone value at 3 becomes a one-point polyline, which a browser draws as nothing.
        XCTAssertEqual(points, ["56,208 156,188", "356,148", "656,128 756,108"])
        // The y axis: five grid lines at 0, 2.5, 5, 7.5 and 10.
        let ticks = try elements("text", in: document).filter { attribute("class", of: $0) == "tick" }
            .compactMap(\.stringValue)
        XCTAssertEqual(Array(ticks.prefix(5)), ["0", "2.5", "5", "7.5", "10"])
    }

    /// A band is shaded only where both bounds exist: two polygons around the gap, each going
    /// along the upper bound and back along the lower one.
    func testBandsSplitAtGapsToo() throws {
        let chart = TimeChart(
            title: "band", count: 5, dayStarts: [], lines: [],
            bands: [
                ChartBand(
                    label: "80 %", lower: [1, 1, nil, 2, 2], upper: [3, 4, 5, nil, 5], colour: "#1f5fbf", opacity: 0.2)
            ],
            yLabel: "n", width: 468, height: 272)
        // plotW 400 over 5 positions: x = 56 + 100 i; yMax = niceCeiling(5) = 5, so y = 228 − 40 v.
        let document = try XCTUnwrap(parseXML(chart.render()))
        let polygons = try elements("polygon", in: document).map { attribute("points", of: $0) }
        XCTAssertEqual(polygons, ["56,108 156,68 156,188 56,188", "456,28 456,148"])
    }

    func testHeatMapColourRampEnds() {
        // White-ish (235, 242, 250) at 0, deep blue (16, 62, 140) at 1, clamped outside.
        XCTAssertEqual(HeatMap.colour(0), "#ebf2fa")
        XCTAssertEqual(HeatMap.colour(1), "#103e8c")
        XCTAssertEqual(HeatMap.colour(-0.5), "#ebf2fa")
        XCTAssertEqual(HeatMap.colour(3), "#103e8c")
        // Halfway: (125.5, 152, 195) truncated.
        XCTAssertEqual(HeatMap.colour(0.5), "#7d98c3")
    }

    func testHeatMapCellsAndEscaping() throws {
        let map = HeatMap(
            title: "Heads <by> day", rowLabels: ["Mon & Tue", "Wed"], columnLabels: ["08:00", "08:30"],
            values: [[0, 4], [nil, 2]], labelEvery: 1)
        let svg = map.render()
        let document = try XCTUnwrap(parseXML(svg))
        let fills = try elements("rect", in: document).compactMap { attribute("fill", of: $0) }
        // Row by row: 0 of peak 4, the peak, a closed slot, half the peak.
        XCTAssertEqual(fills, ["#ebf2fa", "#103e8c", "#eeeeee", "#7d98c3"])
        let tooltips = try elements("title", in: document).compactMap(\.stringValue)
        XCTAssertEqual(tooltips, ["Mon & Tue 08:00: 0", "Mon & Tue 08:30: 4", "Wed 08:30: 2"])
        XCTAssertTrue(svg.contains("Heads &lt;by&gt; day"))
        XCTAssertTrue(svg.contains("peak 4;"))
    }

    /// A chart with everything drawn (band, dashed line, forecast shading, day labels, marker,
    /// legend) parses as XML with the svg element at its root.
    func testFullChartIsWellFormedXML() throws {
        let values: [Double?] = (0..<48).map { $0 % 10 == 9 ? nil : Double($0 % 7) + 0.25 }
        let chart = TimeChart(
            title: "Contacts per 30m", count: 48, dayStarts: [(0, "Mon 3/11"), (24, "Tue 4/11")],
            lines: [
                ChartLine(label: "forecast", values: values, colour: "#1f5fbf", width: 2),
                ChartLine(label: "actual", values: values.map { $0.map { $0 + 1 } }, colour: "#c0392b", dashed: true),
            ],
            bands: [
                ChartBand(
                    label: "95 %", lower: values.map { $0.map { $0 - 1 } }, upper: values.map { $0.map { $0 + 2 } },
                    colour: "#1f5fbf", opacity: 0.12)
            ],
            forecastFrom: 24, yLabel: "contacts",
            markers: [(position: 30, label: "hire 2"), (position: 99, label: "x")])
        // The check itself rejects what is not well-formed: a bare `<` or `&` in text, an unclosed tag.
        for broken in ["<svg><text>a < b</text></svg>", "<svg><text>a & b</text></svg>", "<svg><text></svg>"] {
            XCTAssertFalse(isWellFormedXML(broken), broken)
        }
        let svg = chart.render()
        let document = try XCTUnwrap(parseXML(svg))
        XCTAssertEqual(document.rootElement()?.localName, "svg")
        XCTAssertEqual(document.rootElement()?.uri, "http://www.w3.org/2000/svg")
        // Gaps at 9, 19, 29, 39: five runs per series.
        XCTAssertEqual(try elements("polyline", in: document).count, 10)
        XCTAssertEqual(try elements("polygon", in: document).count, 5)
        XCTAssertEqual(
            try elements("polyline", in: document).filter { attribute("stroke-dasharray", of: $0) != nil }.count,
            5)
        let texts = try elements("text", in: document).compactMap(\.stringValue)
        XCTAssertTrue(texts.contains("forecast"))
        XCTAssertTrue(texts.contains("hire 2"))
        XCTAssertFalse(texts.contains("x"), "a marker outside the chart is not drawn")
    }
}
