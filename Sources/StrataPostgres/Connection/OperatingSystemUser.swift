#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An account of the operating system, read from the password database.
struct OperatingSystemUser: Sendable, Equatable {
    /// The login name.
    var name: String
    /// The numeric user id.
    var uid: UInt32
    /// The primary group id.
    var gid: UInt32
    /// The home directory.
    var home: String

    /// The account the process runs as (effective uid), if the password database knows it.
    static func current() -> OperatingSystemUser? {
        guard let entry = getpwuid(geteuid()) else { return nil }
        return OperatingSystemUser(entry.pointee)
    }

    /// The account called `name`, if it exists.
    static func named(_ name: String) -> OperatingSystemUser? {
        guard let entry = getpwnam(name) else { return nil }
        return OperatingSystemUser(entry.pointee)
    }

    /// Whether the process runs as root.
    static var isRoot: Bool { geteuid() == 0 }

    private init(_ entry: passwd) {
        name = String(cString: entry.pw_name)
        uid = UInt32(entry.pw_uid)
        gid = UInt32(entry.pw_gid)
        home = String(cString: entry.pw_dir)
    }
}
