import Scheduling
import StaffcastCore

/// The `"shifts"` section of the plan config: the shift templates agents may work and whether
/// they work weekly tours (`ShiftSettingsReader` reads it).
public struct ShiftSettings: Sendable, Equatable {
    public var templates: [ShiftTemplate]
    public var tours: Bool

    public init(templates: [ShiftTemplate], tours: Bool) {
        self.templates = templates
        self.tours = tours
    }

    /// 8 h, 6 h and 4 h starting on any half hour, standard breaks, no tours.
    public static func standard() throws(PlanningError) -> ShiftSettings {
        ShiftSettings(
            templates: try templates(
                lengths: [8 * 3600, 6 * 3600, 4 * 3600], startEvery: 1800,
                breaks: true, source: "shifts"), tours: false)
    }

    /// Templates of the given lengths starting every `startEvery` seconds anywhere in the day;
    /// with `breaks`, shifts of 6 h or more get the standard unpaid 30-minute break
    /// (``BreakRule/standard(forShiftSeconds:)``). `source` names the flag or config key in errors.
    public static func templates(lengths: [Int], startEvery: Int, breaks: Bool, source: String) throws(PlanningError)
        -> [ShiftTemplate]
    {
        guard startEvery > 0, startEvery <= 86_400 else {
            throw .invalidRequest("\(source): shifts must start every so often within a day")
        }
        var templates: [ShiftTemplate] = []
        for length in lengths {
            guard length > 0 else { throw .invalidRequest("\(source): shift lengths must be positive") }
            guard length <= 86_400 else {
                throw .invalidRequest(
                    "\(source): a \(Durations.format(length)) shift is longer than the day; shifts lie within one day")
            }
            guard !templates.contains(where: { $0.lengthSeconds == length }) else {
                throw .invalidRequest("\(source): \(Durations.format(length)) is listed twice")
            }
            let lastStart = (86_400 - length) / startEvery * startEvery
            let template = ShiftTemplate(
                name: Durations.format(length), lengthSeconds: length, earliestStartSeconds: 0,
                latestStartSeconds: lastStart, startEverySeconds: startEvery,
                breakRule: breaks ? BreakRule.standard(forShiftSeconds: length) : nil)
            do throws(SchedulingError) { try template.validate(intervalSeconds: 60) } catch {
                throw .invalidRequest("\(source): " + error.description)
            }
            templates.append(template)
        }
        guard !templates.isEmpty else {
            throw .invalidRequest("\(source): name at least one shift length, e.g. 8h,6h,4h")
        }
        return templates
    }

    /// Checks that the templates line up with the requirement's intervals.
    public static func check(_ templates: [ShiftTemplate], intervalSeconds interval: Int, source: String)
        throws(PlanningError)
    {
        for template in templates
        where template.lengthSeconds % interval != 0 || template.startEverySeconds % interval != 0 {
            throw .invalidRequest(
                "\(source): \(Durations.format(template.lengthSeconds)) shifts starting every \(Durations.format(template.startEverySeconds)) do not line up with the \(Durations.format(interval)) intervals"
            )
        }
    }
}
