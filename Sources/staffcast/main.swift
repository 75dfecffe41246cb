import Foundation
import StaffcastCLI

exit(StaffcastCommand.main(Array(CommandLine.arguments.dropFirst())))
