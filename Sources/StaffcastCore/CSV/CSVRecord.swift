/// The line and column (1-based, counted in Unicode scalars) where a CSV field starts.
public struct CSVPosition: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One CSV record with the position of each field, for messages that point at the cell.
public struct CSVRecord: Sendable, Equatable {
    /// The file name used in messages.
    public var file: String
    public var fields: [String]
    /// Where each field starts (its opening quote, when quoted).
    public var positions: [CSVPosition]
    /// Just past the last field: where a missing field would have started.
    public var end: CSVPosition

    public init(file: String, fields: [String], positions: [CSVPosition], end: CSVPosition) {
        self.file = file
        self.fields = fields
        self.positions = positions
        self.end = end
    }

    /// The line the record starts on.
    public var line: Int { positions.first?.line ?? end.line }

    public func location(ofField index: Int) -> SourceLocation {
        let p = index < positions.count ? positions[index] : end
        return SourceLocation(file: file, line: p.line, column: p.column)
    }
}
