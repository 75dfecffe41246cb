import StaffcastCLI
import Foundation

exit(StaffcastCommand.main(Array(CommandLine.arguments.dropFirst())))
