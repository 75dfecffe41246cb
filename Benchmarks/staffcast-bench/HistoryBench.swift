import Foundation
import StaffcastCore

/// Reading a large history: 5 million long-format rows (5 channels × 1 million 5-minute
/// intervals, about 9.5 years), written to a temporary file and read with ``HistoryReader``.
/// Targets: under a minute and under 2 GiB in a release build.
func runHistoryBenchmarks() {
    let channels = ["chat", "email", "sales", "service", "voice"]
    let timestamps = 1_000_000
    let directory = NSTemporaryDirectory() + "staffcast-bench-\(getpid())"
    do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
        print("history: cannot create \(directory): \(error)")
        return
    }
    defer { try? FileManager.default.removeItem(atPath: directory) }

    // UTC timestamps with Z: the plain case.
    let utcPath = directory + "/history-utc.csv"
    let start: Int64 = 1_041_379_200  // 2003-01-01T00:00:00Z
    let generation = Date()
    guard
        let utcBytes = writeHistory(
            to: utcPath, channels: channels, timestamps: timestamps, start: start, calendar: .utc)
    else { return }
    print(
        "history: generated \(channels.count * timestamps) rows (\(megabytes(utcBytes)) MB) in \(seconds(Date().timeIntervalSince(generation))) s"
    )
    readAndReport(label: "UTC, 5-minute", path: utcPath, bytes: utcBytes, options: HistoryReadOptions())

    // Offsets of a DST zone and aggregation to 30 minutes: the zone caches and the aggregation.
    guard let amsterdam = try? PlanningCalendar(identifier: "Europe/Amsterdam") else { return }
    let zonePath = directory + "/history-amsterdam.csv"
    try? FileManager.default.removeItem(atPath: utcPath)
    guard
        let zoneBytes = writeHistory(
            to: zonePath, channels: channels, timestamps: timestamps, start: start, calendar: amsterdam)
    else { return }
    readAndReport(
        label: "Europe/Amsterdam offsets, aggregated to 30 minutes", path: zonePath, bytes: zoneBytes,
        options: HistoryReadOptions(calendar: amsterdam, intervalSeconds: 1800))
}

/// Reading a large export through a mapping: 5 million rows in Genesys Cloud's WFM import
/// layout (5 queues × 1 million 5-minute intervals; three voice queues and two chat queues, so
/// the queues of one channel are summed, AHT as total handle time ÷ handled), read with
/// `--format genesys-wfm`. Run alone (`staffcast-bench history-mapped`) for its own peak memory.
func runMappedHistoryBenchmark() {
    let directory = NSTemporaryDirectory() + "staffcast-bench-mapped-\(getpid())"
    do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
        print("history: cannot create \(directory): \(error)")
        return
    }
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/genesys-wfm.csv"
    let generation = Date()
    guard let bytes = writeGenesysExport(to: path, timestamps: 1_000_000, start: 1_041_379_200) else { return }
    print(
        "history: generated 5000000 Genesys WFM rows (\(megabytes(bytes)) MB) in \(seconds(Date().timeIntervalSince(generation))) s"
    )
    let input: InputMapping
    do { input = try InputMapping.preset("genesys-wfm", option: "--format") } catch {
        print("history: \(error)")
        return
    }
    readAndReport(
        label: "--format genesys-wfm (5 queues summed into 2 channels)", path: path, bytes: bytes,
        options: HistoryReadOptions(input: input))
}

/// `Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,
/// Total Handle Time (Seconds)`, the five queues of each interval together.
private func writeGenesysExport(to path: String, timestamps: Int, start: Int64) -> Int? {
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
    else {
        print("history: cannot write \(path)")
        return nil
    }
    defer { try? handle.close() }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 22)
    buffer.append(
        contentsOf: Array(
            "Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,Total Handle Time (Seconds)\n"
                .utf8))
    let queues = [
        ("Sales NL", "Voice"), ("Sales BE", "Voice"), ("Service", "Voice"), ("Chat NL", "Chat"), ("Chat BE", "Chat"),
    ].map {
        (Array(($0.0 + "," + $0.1 + ",general,Dutch,").utf8))
    }
    var written = 0
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for k in 0..<timestamps {
        let stamp = Array(PlanningCalendar.utc.format(start + Int64(k) * 300).utf8)
        for (q, prefix) in queues.enumerated() {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Int(state >> 59)
            let offered = (k % 288) / 6 + 10 * q + noise
            let handled = max(0, offered - noise / 8)
            buffer.append(contentsOf: stamp)
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: prefix)
            buffer.append(contentsOf: Array("\(offered),\(handled),\(handled * (150 + noise * 3))\n".utf8))
        }
        if buffer.count > 1 << 22 {
            handle.write(Data(buffer))
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }
    handle.write(Data(buffer))
    written += buffer.count
    return written
}

private func readAndReport(label: String, path: String, bytes: Int, options: HistoryReadOptions) {
    let clock = Date()
    let history: ContactHistory
    do {
        history = try HistoryReader.read(path: path, options: options)
    } catch {
        print("history: \(label): \(error)")
        return
    }
    let elapsed = Date().timeIntervalSince(clock)
    let rows = 5_000_000
    let known = history.series.reduce(0) { $0 + $1.knownCount }
    print(
        "history: \(label): read \(rows) rows in \(seconds(elapsed)) s — \(Int(Double(rows) / elapsed)) rows/s, "
            + "\(megabytes(Int(Double(bytes) / elapsed))) MB/s; \(history.series.count) series, \(known) known intervals "
            + "of \(history.intervalSeconds / 60) minutes; peak memory \(peakMemory())")
}

/// Writes `timestamps` 5-minute intervals for each channel, interleaved as exports do.
/// Returns the file size, or nil after printing why it failed.
func writeHistory(
    to path: String, channels: [String], timestamps: Int, start: Int64, calendar: PlanningCalendar
) -> Int? {
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
    else {
        print("history: cannot write \(path)")
        return nil
    }
    defer { try? handle.close() }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 22)
    buffer.append(contentsOf: Array("timestamp,channel,contacts,aht_seconds\n".utf8))
    var written = 0
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let names = channels.map { Array($0.utf8) }
    for k in 0..<timestamps {
        let instant = start + Int64(k) * 300
        let stamp = Array(calendar.format(instant).utf8)
        for (c, name) in names.enumerated() {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Int(state >> 59)
            let contacts = (k % 288) / 6 + 10 * c + noise
            buffer.append(contentsOf: stamp)
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: name)
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: Array(String(contacts).utf8))
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: Array("\(150 + noise * 3).5".utf8))
            buffer.append(UInt8(ascii: "\n"))
        }
        if buffer.count > 1 << 22 {
            handle.write(Data(buffer))
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }
    handle.write(Data(buffer))
    written += buffer.count
    return written
}

/// VmHWM (peak resident memory) from /proc/self/status.
private func peakMemory() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return "unknown" }
    let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    let kilobytes = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
    return "\(kilobytes / 1024) MiB (VmHWM)"
}

private func seconds(_ t: TimeInterval) -> String { NumberFormat.plain(t, maxFractionDigits: 2) }

private func megabytes(_ bytes: Int) -> String { NumberFormat.plain(Double(bytes) / 1e6, maxFractionDigits: 1) }
