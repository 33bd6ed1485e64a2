import Foundation
import OpsCore

public enum OpsctlEntrypoint {
    public static func main() async -> Never {
        exit(0)
    }
}
