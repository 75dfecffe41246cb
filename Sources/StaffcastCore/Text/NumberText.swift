/// How a file writes the decimal separator: `12.5` (then `1,234` groups thousands) or `12,5`
/// (then `1.234` does, as Dutch and German Excel write).
public enum DecimalSeparator: String, Sendable, Equatable, CaseIterable {
    case point, comma
}

/// Reads the numbers of one file, learning its decimal separator from the cells themselves, so
/// that `1.234` in a Dutch export is 1234 and `12.5` in an English one is twelve and a half, and a
/// cell that could be read both ways is an error rather than a guess.
///
/// - In a comma-separated file a comma cannot be a decimal separator; numbers are read with a
///   point and no thousands separators, as always.
/// - Otherwise the separator is declared (``DecimalSeparator``), or shown by a cell that can be
///   read one way only: `312,25`, `0.5`, `1.020,5`, `1,020.5`, `1.234.567`, or contacts `1.250`
///   (1.25 contacts is not a count). Until then a semicolon file is taken to use a decimal comma
///   (Excel's habit in comma-decimal locales); tab and pipe files have no default.
/// - A cell such as `1.234` (one separator followed by exactly three digits) can be read either
///   way. It is read by the file's separator; before that is known, by the default, and the first
///   such cell is remembered: a later cell showing the other separator is then an error naming
///   that first cell, and so is a file that never shows one when there is no default.
/// - Two cells showing different separators are an error naming both.
struct NumberReader {
    /// What kind of number a cell holds: counts must be whole, which can settle `1.250`.
    enum Kind { case count, measure }

    private let commaDelimited: Bool
    private let tentative: DecimalSeparator?
    private(set) var separator: DecimalSeparator?
    private var evidence: (location: SourceLocation, text: String)? = nil
    private var firstAmbiguous: (location: SourceLocation, text: String, read: DecimalSeparator)? = nil
    private var scratch: [UInt8] = []

    init(delimiter: UInt8, declared: DecimalSeparator?) {
        commaDelimited = delimiter == UInt8(ascii: ",")
        separator = commaDelimited ? .point : declared
        tentative = declared ?? (delimiter == UInt8(ascii: ";") ? .comma : nil)
    }

    /// Whether a comma may be part of a number at all.
    var allowsComma: Bool { !commaDelimited }

    /// Why a cell is not read: not a number, or refused (it contradicts the file's decimal
    /// separator, or an earlier cell could be read two ways).
    enum Failure: Error, Equatable {
        case empty, notANumber, notFinite
        case refused(CoreError)

        init(_ failure: DecimalParser.Failure) {
            switch failure {
            case .empty: self = .empty
            case .notANumber: self = .notANumber
            case .notFinite: self = .notFinite
            }
        }
    }

    /// The value of `field`, or why it is not read.
    mutating func read(_ field: UnsafeBufferPointer<UInt8>, kind: Kind, at location: () -> SourceLocation) -> Result<
        Double, Failure
    > {
        if commaDelimited { return DecimalParser.parse(field, allowDecimalComma: false).mapError(Failure.init) }
        var dots = 0
        var commas = 0
        var other = false
        var lastSeparator: UInt8 = 0
        for b in field {
            if b == UInt8(ascii: ".") {
                dots += 1
                lastSeparator = b
            } else if b == UInt8(ascii: ",") {
                commas += 1
                lastSeparator = b
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                other = true
            }
        }
        if dots + commas == 0 { return DecimalParser.parse(field, allowDecimalComma: false).mapError(Failure.init) }
        let text = trimmed(field)
        // The digits around the separators decide what they are.
        let groups = splitGroups(text)
        // Words: not a number.
        guard let groups else { return DecimalParser.parse(field, allowDecimalComma: true).mapError(Failure.init) }
        var decimal: UInt8? = nil  // the byte acting as decimal separator, if any
        var settles: DecimalSeparator? = nil

        if other {
            // An exponent: a single separator is the decimal one.
            guard dots + commas == 1 else { return .failure(.notANumber) }
            decimal = lastSeparator
            settles = lastSeparator == UInt8(ascii: ",") ? .comma : .point
        } else if dots > 0 && commas > 0 {
            decimal = lastSeparator
            let thousands: UInt8 = decimal == UInt8(ascii: ",") ? UInt8(ascii: ".") : UInt8(ascii: ",")
            guard groups.separators.filter({ $0 == decimal }).count == 1, groups.separators.last == decimal,
                validGrouping(groups, thousands: thousands, decimalAtEnd: true)
            else { return .failure(.notANumber) }
            settles = decimal == UInt8(ascii: ",") ? .comma : .point
        } else if dots + commas >= 2 {
            // The same separator twice: thousands.
            guard validGrouping(groups, thousands: lastSeparator, decimalAtEnd: false) else {
                return .failure(.notANumber)
            }
            settles = lastSeparator == UInt8(ascii: ".") ? .comma : .point
        } else {
            let before = groups.digits[0]
            let after = groups.digits[1]
            let couldGroup = after.count == 3 && (1...3).contains(before.count) && before.first != UInt8(ascii: "0")
            if !couldGroup {
                decimal = lastSeparator
                settles = lastSeparator == UInt8(ascii: ",") ? .comma : .point
            } else if kind == .count && after != Array("000".utf8) {
                // 1.250 contacts: only the thousands reading is a count.
                settles = lastSeparator == UInt8(ascii: ".") ? .comma : .point
            } else {
                // 1.234: thousands or decimals, depending on the file.
                // Without a default the cell is read with a point for now; finish() refuses it
                // if nothing settles the question.
                let reading = separator ?? tentative ?? .point
                if separator == nil, firstAmbiguous == nil {
                    firstAmbiguous = (location(), String(decoding: text, as: UTF8.self), reading)
                }
                decimal = (reading == .comma) == (lastSeparator == UInt8(ascii: ",")) ? lastSeparator : nil
            }
        }
        if let settles, let refusal = settle(settles, text: text, at: location) { return .failure(.refused(refusal)) }
        return value(text, decimal: decimal).mapError(Failure.init)
    }

    /// At the end of the file: an ambiguous cell nothing settled, in a file without a default.
    func finish() throws(CoreError) {
        if separator == nil, tentative == nil, let first = firstAmbiguous {
            throw .badData(
                first.location,
                "'\(first.text)' can be read as \(readings(first.text)); nothing else in the file shows whether it writes decimals with a point or a comma — write the number without a thousands separator"
            )
        }
    }

    /// Records what a cell shows about the separator; the error when it contradicts the file.
    private mutating func settle(_ found: DecimalSeparator, text: [UInt8], at location: () -> SourceLocation)
        -> CoreError?
    {
        let shown = String(decoding: text, as: UTF8.self)
        if let separator {
            guard separator == found else {
                let whereEarlier =
                    evidence.map {
                        " while line \($0.location.line) column \($0.location.column) ('\($0.text)') writes them with a \(separator == .comma ? "comma" : "point")"
                    }
                    ?? " while the file's decimal separator is the \(separator == .comma ? "comma" : "point")"
                return .badData(
                    location(),
                    "'\(shown)' writes decimals with a \(found == .comma ? "comma" : "point")\(whereEarlier); a file must use one decimal separator"
                )
            }
            return nil
        }
        if let first = firstAmbiguous, first.read != found {
            return .badData(
                first.location,
                "'\(first.text)' can be read as \(readings(first.text)): line \(location().line) ('\(shown)') writes decimals with a \(found == .comma ? "comma" : "point"), so it was read the other way; write the number without a thousands separator"
            )
        }
        separator = found
        evidence = (location(), shown)
        return nil
    }

    private func readings(_ text: String) -> String {
        let digits = text.filter(\.isNumber)
        let decimal = text.replacingOccurrences(of: ",", with: ".")
        return "\(Int(digits).map(String.init) ?? digits) (with a thousands separator) or \(decimal)"
    }

    private func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var lower = 0
        var upper = field.count
        while lower < upper && (field[lower] == 0x20 || field[lower] == 0x09) { lower += 1 }
        while upper > lower && (field[upper - 1] == 0x20 || field[upper - 1] == 0x09) { upper -= 1 }
        return Array(field[lower..<upper])
    }

    /// The digit runs between separators (a leading sign allowed), or nil when anything else
    /// appears (an exponent is left to the parser).
    private func splitGroups(_ text: [UInt8]) -> (digits: [[UInt8]], separators: [UInt8])? {
        var digits: [[UInt8]] = [[]]
        var separators: [UInt8] = []
        for (k, b) in text.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                digits[digits.count - 1].append(b)
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                separators.append(b)
                digits.append([])
            } else if (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && k == 0 {
                continue
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                || ((b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && k > 0)
            {
                digits[digits.count - 1].append(b)  // exponent: kept for the parser
            } else {
                return nil
            }
        }
        return (digits, separators)
    }

    /// Thousands groups: 1–3 leading digits (not starting with 0 unless alone), then groups of
    /// exactly three; with `decimalAtEnd` the last group is the fraction.
    private func validGrouping(_ groups: (digits: [[UInt8]], separators: [UInt8]), thousands: UInt8, decimalAtEnd: Bool)
        -> Bool
    {
        let integerGroups = decimalAtEnd ? groups.digits.count - 1 : groups.digits.count
        guard integerGroups >= 2 else { return decimalAtEnd && integerGroups == 1 }
        let lead = groups.digits[0]
        guard (1...3).contains(lead.count), lead.first != UInt8(ascii: "0") else { return false }
        for k in 1..<integerGroups where groups.digits[k].count != 3 { return false }
        for k in 0..<integerGroups - 1 where groups.separators[k] != thousands { return false }
        if decimalAtEnd, groups.digits[groups.digits.count - 1].isEmpty { return false }
        return true
    }

    /// Parses `text` with `decimal` as the decimal separator and every other separator dropped.
    private mutating func value(_ text: [UInt8], decimal: UInt8?) -> Result<Double, DecimalParser.Failure> {
        scratch.removeAll(keepingCapacity: true)
        for b in text {
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                if b == decimal { scratch.append(UInt8(ascii: ".")) }
            } else {
                scratch.append(b)
            }
        }
        return scratch.withUnsafeBufferPointer { DecimalParser.parse($0, allowDecimalComma: false) }
    }
}
