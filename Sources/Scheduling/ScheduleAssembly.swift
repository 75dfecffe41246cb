import StaffcastCore

extension Schedule {
    mutating func append(_ result: DayBlock.Result, block: DayBlock, channel: String) {
        let interval = Int64(block.interval)
        func instant(_ day: Int, _ slot: Int) -> Int64 { block.days[day].startInstant + Int64(slot) * interval }
        var coverageBySlot = [Int](repeating: 0, count: block.required.count)
        for (j, count) in result.agents.enumerated() where count > 0 {
            let column = block.columns[j]
            for t in column.works { coverageBySlot[t] += count }
            let tour = block.tourLabel(column)
            let perSegment = column.paidHours / Double(column.segments.count)
            for segment in column.segments {
                shifts.append(
                    ScheduledShift(
                        channel: channel, date: block.days[segment.day].date,
                        template: block.templateNames[column.template],
                        start: instant(segment.day, segment.startSlot), end: instant(segment.day, segment.endSlot),
                        breakStart: segment.breakSlots.map { instant(segment.day, $0.lowerBound) },
                        breakEnd: segment.breakSlots.map { instant(segment.day, $0.upperBound) },
                        agents: count, paidHoursPerAgent: perSegment, tour: tour))
            }
            agentHours += Double(count) * column.paidHours
            cost += Double(count) * column.cost
        }
        for (d, day) in block.days.enumerated() where day.isReported {
            for slot in day.required.indices {
                let t = block.dayOffsets[d] + slot
                coverage.append(
                    CoverageRow(
                        instant: instant(d, slot), channel: channel, required: day.required[slot],
                        scheduled: coverageBySlot[t]))
                if coverageBySlot[t] < day.required[slot] {
                    uncovered.append(
                        UncoveredInterval(
                            instant: instant(d, slot), channel: channel, required: day.required[slot],
                            scheduled: coverageBySlot[t], unreachable: !result.reachable[t]))
                }
            }
        }
        var bound = channels[channel] ?? ChannelBound()
        bound.lowerBound += result.lowerBound
        bound.cost += zip(result.agents, block.columns).reduce(0) { $0 + Double($1.0) * $1.1.cost }
        channels[channel] = bound
        lpOptimum += result.lpCost
        lowerBound += result.lowerBound
        lpShortfall += result.lpShortfall
        pivots += result.pivots
    }
}
