/// The shortest decimal digits that read back as a double, without building a `String`.
///
/// `Double.description` and `Double.write(to:)` print the same text (shortest digits, the
/// closest of them to the exact value); `write(to:)` hands a `TextOutputStream` its bytes through
/// the stream's `_writeASCII`, from a buffer on the stack, so a stream that keeps them in a stack
/// buffer of its own reads the digits with no allocation per number. Should a later standard
/// library call `write(_: String)` instead, the digits are the same, only slower. The tests
/// compare the two over millions of doubles.
enum ShortestDigits {
    /// Room for the longest text of a finite double ("-2.2250738585072014e-308", 24 bytes).
    static let bufferCapacity = 32

    /// Calls `body` with the shortest round-tripping digits of `x` (positive, finite) as values
    /// 0…9, no leading zeros, and the position of the decimal point: x = 0.d₁d₂… × 10^point.
    @inline(__always)
    static func withDigits<R>(_ x: Double, _ body: (UnsafeBufferPointer<UInt8>, Int) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bufferCapacity) { buffer -> R in
            var sink = Sink(buffer: buffer)
            x.write(to: &sink)
            let (count, point) = compact(buffer, length: sink.count)
            return body(UnsafeBufferPointer(rebasing: buffer[0..<count]), point)
        }
    }

    /// Appends `x.description` to `out` when it has no exponent; false (and `out` unchanged)
    /// when it has one.
    static func appendPlainDescription(_ x: Double, to out: inout [UInt8]) -> Bool {
        var sink = ArraySink()
        swap(&sink.bytes, &out)
        let start = sink.bytes.count
        x.write(to: &sink)
        swap(&sink.bytes, &out)
        for k in start..<out.count where out[k] == UInt8(ascii: "e") || out[k] == UInt8(ascii: "E") {
            out.removeSubrange(start...)
            return false
        }
        return true
    }

    /// A number's text appended to an array (swapped in and out, never copied).
    private struct ArraySink: TextOutputStream {
        var bytes: [UInt8] = []

        mutating func _writeASCII(_ text: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: text) }

        mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
    }

    /// The text of a number, kept in a buffer the caller owns.
    private struct Sink: TextOutputStream {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        mutating func _writeASCII(_ text: UnsafeBufferPointer<UInt8>) {
            for byte in text where count < buffer.count {
                buffer[count] = byte
                count += 1
            }
        }

        mutating func write(_ string: String) {
            for byte in string.utf8 where count < buffer.count {
                buffer[count] = byte
                count += 1
            }
        }
    }

    /// Turns the text `description` prints ("123.456", "1e-07", "1.2345e+20", "5e-324") in place
    /// into digit values; the number of digits and the point.
    private static func compact(_ text: UnsafeMutableBufferPointer<UInt8>, length: Int) -> (count: Int, point: Int) {
        var count = 0
        var point = 0
        var exponent = 0
        var seenPoint = false
        var i = 0
        while i < length {
            let c = text[i]
            if c == UInt8(ascii: ".") {
                seenPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                var j = i + 1
                var negative = false
                if j < length, text[j] == UInt8(ascii: "-") || text[j] == UInt8(ascii: "+") {
                    negative = text[j] == UInt8(ascii: "-")
                    j += 1
                }
                while j < length, text[j] >= 48, text[j] <= 57 {
                    exponent = exponent * 10 + Int(text[j] - 48)
                    j += 1
                }
                if negative { exponent = -exponent }
                break
            } else if c >= 48, c <= 57 {
                text[count] = c - 48  // count ≤ i: digits move left over what was read
                count += 1
                if !seenPoint { point += 1 }
            }
            i += 1
        }
        // Drop leading zeros ("0.0012" → digits 12, point -2).
        var zeros = 0
        while count - zeros > 1, text[zeros] == 0 { zeros += 1 }
        if zeros > 0 {
            for k in zeros..<count { text[k - zeros] = text[k] }
            count -= zeros
            point -= zeros
        }
        return (count, point + exponent)
    }
}
