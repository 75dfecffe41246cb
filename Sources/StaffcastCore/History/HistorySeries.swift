/// One channel's rows with rows at the same instant merged (queues and skills of one channel,
/// contacts of one interval): contacts summed (unknown when any part is unknown), AHT weighted by
/// the contacts handled (or offered), abandoned summed.
struct MergedRows {
    var instants: [Int64] = []
    var contacts: [Double] = []
    /// Σ AHT · weight and Σ weight over the parts that carry an AHT.
    var ahtWeighted: [Double] = []
    var weights: [Double] = []
    /// Σ AHT and the count of parts with an AHT, for an interval whose parts carry no weight (an
    /// AHT given with 0 or unknown contacts is kept as written, as a single row's always was).
    var ahtPlain: [Double] = []
    var ahtCount: [Int32] = []
    var abandoned: [Double]? = nil
    var lines: [Int] = []

    /// Merges `members` (sorted by instant) of `rows`.
    init(_ rows: HistoryRows, _ members: [Int]) {
        let hasHandled = !rows.handled.isEmpty
        let hasAbandoned = !rows.abandoned.isEmpty
        instants.reserveCapacity(members.count)
        contacts.reserveCapacity(members.count)
        ahtWeighted.reserveCapacity(members.count)
        weights.reserveCapacity(members.count)
        lines.reserveCapacity(members.count)
        var abandonedSums: [Double] = []
        if hasAbandoned { abandonedSums.reserveCapacity(members.count) }
        for i in members {
            let c = rows.contacts[i]
            let a = rows.aht[i]
            var w = hasHandled && !rows.handled[i].isNaN ? rows.handled[i] : c
            if w.isNaN { w = 0 }
            let carries = !a.isNaN && w > 0
            if let last = instants.last, last == rows.instants[i] {
                let k = instants.count - 1
                contacts[k] += c  // NaN stays NaN: one unknown part makes the interval unknown
                if carries {
                    ahtWeighted[k] += a * w
                    weights[k] += w
                }
                if !a.isNaN {
                    ahtPlain[k] += a
                    ahtCount[k] += 1
                }
                if hasAbandoned { abandonedSums[k] += rows.abandoned[i].isNaN ? 0 : rows.abandoned[i] }
                continue
            }
            instants.append(rows.instants[i])
            contacts.append(c)
            ahtWeighted.append(carries ? a * w : 0)
            weights.append(carries ? w : 0)
            ahtPlain.append(a.isNaN ? 0 : a)
            ahtCount.append(a.isNaN ? 0 : 1)
            lines.append(rows.lines[i])
            if hasAbandoned { abandonedSums.append(rows.abandoned[i].isNaN ? 0 : rows.abandoned[i]) }
        }
        if hasAbandoned { abandoned = abandonedSums }
    }

    var count: Int { instants.count }

    /// The series on `interval`: the rows' own grid, or (with `aggregate`) coarser intervals
    /// aligned to the local clock, where a coarse interval is the sum of its known fine ones and
    /// unknown when none is known. With `zeroFill`, intervals without any row are zero. With
    /// `completeAt` (the fine rows a coarse interval holds), a coarse interval with fewer known
    /// fine rows is unknown too, and its start is listed in `incomplete`.
    func series(
        channel: String, interval: Int, aggregate: Bool, zeroFill: Bool, file: String,
        offsets: inout OffsetCache, completeAt: Int? = nil
    ) throws(CoreError) -> (series: IntervalSeries, filled: Int, incomplete: [Int64]) {
        let g = Int64(interval)
        var buckets = instants
        if aggregate {
            for k in 0..<count {
                let t = instants[k]
                let wall = t + Int64(offsets.offset(at: t))
                buckets[k] = t - ((wall % g) + g) % g
            }
            let start = buckets[0]
            for (k, b) in buckets.enumerated() where ((b - start) % g + g) % g != 0 {
                let calendar = offsets.calendar
                throw .badFile(
                    path: file,
                    "cannot aggregate to \(HistoryGridBuilder.minutes(interval)) intervals aligned to the local clock of \(calendar.identifier): "
                        + "the offset change before \(calendar.format(instants[k])) (line \(lines[k])) moves them off a fixed grid; use a shorter interval"
                )
            }
        }
        let start = buckets[0]
        let slots = Int((buckets[buckets.count - 1] - start) / g) + 1
        var sums = [Double?](repeating: nil, count: slots)
        var weighted = [Double](repeating: 0, count: slots)
        var weight = [Double](repeating: 0, count: slots)
        var plain = [Double](repeating: 0, count: aggregate ? 0 : slots)
        var plainCount = [Int32](repeating: 0, count: aggregate ? 0 : slots)
        var present = [Bool](repeating: false, count: zeroFill ? slots : 0)
        var abandonedSums: [Double?]? = abandoned.map { _ in [Double?](repeating: nil, count: slots) }
        var known = [Int](repeating: 0, count: completeAt == nil ? 0 : slots)
        for k in 0..<count {
            let slot = Int((buckets[k] - start) / g)
            if zeroFill { present[slot] = true }
            let c = contacts[k]
            if completeAt != nil, !c.isNaN { known[slot] += 1 }
            if !c.isNaN { sums[slot] = (sums[slot] ?? 0) + c }
            weighted[slot] += ahtWeighted[k]
            weight[slot] += weights[k]
            if !aggregate {
                plain[slot] += ahtPlain[k]
                plainCount[slot] += ahtCount[k]
            }
            if let abandoned, !c.isNaN {
                let previous = abandonedSums?[slot] ?? 0
                abandonedSums?[slot] = previous + abandoned[k]
            }
        }
        var filled = 0
        if zeroFill {
            for slot in 0..<slots where !present[slot] {
                sums[slot] = 0
                if abandonedSums != nil { abandonedSums?[slot] = 0 }
                filled += 1
            }
        }
        var incomplete: [Int64] = []
        if let completeAt {
            for slot in 0..<slots where sums[slot] != nil && known[slot] < completeAt {
                sums[slot] = nil
                abandonedSums?[slot] = nil
                incomplete.append(start + Int64(slot) * g)
            }
        }
        let aht: [Double?] = (0..<slots).map { slot in
            if weight[slot] > 0 { return weighted[slot] / weight[slot] }
            if !aggregate && plainCount[slot] > 0 { return plain[slot] / Double(plainCount[slot]) }
            return nil
        }
        return (
            IntervalSeries(
                channel: channel, intervalSeconds: interval, start: start, contacts: sums, ahtSeconds: aht,
                abandoned: abandonedSums), filled, incomplete
        )
    }
}
