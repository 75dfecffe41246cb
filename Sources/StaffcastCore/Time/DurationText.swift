/// The unit of handle times in an export (`--duration-unit`): seconds, milliseconds, or
/// `hh:mm:ss` text. Values written with colons are always read as `h:mm:ss`, whatever the unit.
public enum DurationUnit: String, Sendable, Equatable, CaseIterable {
    case seconds = "s"
    case milliseconds = "ms"
    case clock = "hh:mm:ss"
}

/// Reads a handle time: `312.5` (in the file's unit) or `0:05:12` (hours may run past 24 in
/// totals: `83:20:00`).
enum DurationText {
    enum Failure: Error, Equatable {
        case empty
        case notADuration(String)
        case notFinite
        case refused(CoreError)
    }

    /// Seconds in the cell; numbers go through `numbers` so the file's decimal separator applies.
    static func seconds(
        _ field: UnsafeBufferPointer<UInt8>, unit: DurationUnit?, numbers: inout NumberReader,
        at location: () -> SourceLocation
    ) -> Result<Double, Failure> {
        var hasColon = false
        for b in field where b == UInt8(ascii: ":") {
            hasColon = true
            break
        }
        if hasColon { return clock(field) }
        switch numbers.read(field, kind: .measure, at: location) {
        case .failure(.empty): return .failure(.empty)
        case .failure(.refused(let error)): return .failure(.refused(error))
        case _ where unit == .clock:
            return .failure(.notADuration("expected a duration written hh:mm:ss (the declared --duration-unit)"))
        case .failure(.notFinite): return .failure(.notFinite)
        case .failure(.notANumber):
            return .failure(
                .notADuration(
                    "expected a duration in \(unit == .milliseconds ? "milliseconds" : "seconds") or as hh:mm:ss"))
        case .success(let value): return .success(unit == .milliseconds ? value / 1000 : value)
        }
    }

    /// `h:mm:ss[.fff]`; two parts (`05:30`) could be minutes or hours and are refused.
    static func clock(_ field: UnsafeBufferPointer<UInt8>) -> Result<Double, Failure> {
        let text = String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .failure(
                .notADuration(
                    parts.count == 2
                        ? "'\(text)' could be minutes:seconds or hours:minutes; write durations as h:mm:ss (0:05:30)"
                        : "'\(text)' is not a duration h:mm:ss"))
        }
        guard let hours = Int(parts[0]), parts[0].allSatisfy(\.isNumber), !parts[0].isEmpty, parts[0].count <= 9,
            parts[1].count == 2, parts[1].allSatisfy(\.isNumber), let minutes = Int(parts[1]), minutes < 60
        else {
            return .failure(.notADuration("'\(text)' is not a duration h:mm:ss (minutes 00–59)"))
        }
        let secondText = parts[2].replacingOccurrences(of: ",", with: ".")
        let pieces = secondText.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces[0].count == 2, pieces[0].allSatisfy(\.isNumber),
            pieces.count == 1 || (pieces[1].allSatisfy(\.isNumber) && !pieces[1].isEmpty),
            let seconds = Double(secondText), seconds < 60
        else {
            return .failure(.notADuration("'\(text)' is not a duration h:mm:ss (seconds 00–59)"))
        }
        return .success(Double(hours) * 3600 + Double(minutes) * 60 + seconds)
    }
}
