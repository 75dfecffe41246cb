/// A CSV file built in one byte buffer, field by field: the writer of the large tables
/// (requirements, forecasts, coverage), where a `String` per field and per number was most of the
/// run. Fields follow ``CSVTable``'s rules (RFC 4180, LF line endings, quotes only where needed,
/// formula starts neutralized) and numbers ``Format``'s, byte for byte, with no allocation per
/// field beyond the buffer's growth.
///
///     var csv = CSVWriter(header: ["timestamp", "channel", "contacts"], calendar: calendar)
///     csv.timestamp(instant); csv.text("phone"); csv.volume(12.5); csv.endRow()
///     try AtomicFile.write(csv.bytes, to: path)
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var atRowStart = true
    private var offsets: OffsetCache

    /// A table that starts with `header`; timestamps are written in `calendar`.
    public init(header: [String], calendar: PlanningCalendar = .utc, reservingRows rows: Int = 0) {
        self.init(calendar: calendar, reservingRows: rows)
        for name in header { text(name) }
        endRow()
    }

    /// Rows without a header (a chunk of a table written on several cores, joined by ``append(_:)``).
    public init(calendar: PlanningCalendar = .utc, reservingRows rows: Int = 0) {
        offsets = OffsetCache(calendar: calendar)
        bytes.reserveCapacity(max(256, rows * 96))
    }

    @inline(__always)
    private mutating func separate() {
        if atRowStart { atRowStart = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    /// A text field, as ``CSVText/append(_:to:)`` writes it.
    public mutating func text(_ field: String) {
        separate()
        CSVText.append(field, to: &bytes)
    }

    /// An empty field.
    public mutating func empty() { separate() }

    /// A whole number.
    public mutating func integer(_ value: Int) {
        separate()
        NumberFormat.appendInteger(Int64(value), to: &bytes)
    }

    /// ``Format/volume(_:)``: up to 3 decimals.
    public mutating func volume(_ x: Double) {
        separate()
        if neutralizedInfinity(x) { return }
        NumberFormat.appendPlain(x, maxFractionDigits: 3, to: &bytes)
    }

    /// ``Format/seconds(_:)``: the shortest round-tripping decimal.
    public mutating func seconds(_ x: Double) {
        separate()
        if neutralizedInfinity(x) { return }
        NumberFormat.appendShortest(x, to: &bytes)
    }

    /// ``Format/fraction(_:)``: the shortest round-tripping decimal.
    public mutating func fraction(_ x: Double) { seconds(x) }

    /// A number is a text field: "-inf" begins like a formula and is not a number, so
    /// ``CSVText`` writes it "'-inf" (every other number is written as it is formatted).
    private mutating func neutralizedInfinity(_ x: Double) -> Bool {
        guard x == -.infinity else { return false }
        bytes.append(contentsOf: "'-inf".utf8)
        return true
    }

    /// `calendar.format(instant)`: the local time with its offset.
    public mutating func timestamp(_ instant: Int64) {
        separate()
        PlanningCalendar.appendTimestamp(instant, offset: offsets.offset(at: instant), to: &bytes)
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        atRowStart = true
    }

    /// The rows of `others` after these (all at a row's end), in order.
    public mutating func append(_ others: [CSVWriter]) {
        bytes.reserveCapacity(bytes.count + others.reduce(0) { $0 + $1.bytes.count })
        for other in others { bytes.append(contentsOf: other.bytes) }
    }

    /// The table as text.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
