import Foundation

/// The `staffcast` command: dispatches to one type per subcommand and maps errors to sysexits.
public enum StaffcastCommand {
    public static func main(_ arguments: [String]) -> Int32 {
        FileHandle.standardError.write(Data("staffcast: not yet implemented\n".utf8))
        return 70
    }
}
