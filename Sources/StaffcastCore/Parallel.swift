import Foundation

/// Work split over the machine's cores in contiguous chunks, each result in its place, so the
/// output is the same as a sequential loop's, byte for byte.
public enum Parallel {
    /// `(0..<count).map(transform)`, on several threads when `count` is large enough to pay.
    ///
    /// The work is cut into up to ``chunksPerCore`` chunks per core, taken by whichever core is
    /// free: items of very different cost (five channels, one of them the slow one) then keep
    /// every core busy, where one contiguous half per core left one core waiting for the other.
    public static func map<T: Sendable>(_ count: Int, minimumChunk: Int = 4096, _ transform: @Sendable (Int) -> T)
        -> [T]
    {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunks = min(cores * chunksPerCore, count / max(1, minimumChunk))
        guard cores > 1, chunks > 1 else { return (0..<count).map(transform) }
        var parts = [[T]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(pointer: buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
                slots.pointer[chunk] = range.map(transform)
            }
        }
        return parts.flatMap { $0 }
    }

    /// Chunks per core: enough to balance uneven items, few enough that scheduling stays free.
    static let chunksPerCore = 8

    /// Each chunk writes only its own slot.
    private struct Slots<T>: @unchecked Sendable {
        let pointer: UnsafeMutableBufferPointer<[T]>
    }
}
