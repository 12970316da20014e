import Foundation

/// Names a lease holder (`instance#pid#random`) for the outbox and scheduler leases.
///
/// The instance part names the replica (the host name by default). One instance runs one process at
/// a time, so a holder with the same instance but another process is a predecessor that died:
/// its leases can be taken over at start-up instead of waiting for them to expire.
public enum LeaseHolder {
    /// The default instance name: the host name (a systemd unit or a pod keeps it across restarts
    /// of the process).
    public static var defaultInstance: String { ProcessInfo.processInfo.hostName }

    /// A holder name unique to this process.
    public static func make(instance: String = defaultInstance) -> String {
        "\(instance)#\(ProcessInfo.processInfo.processIdentifier)#\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The instance part of a holder name.
    public static func instance(of holder: String) -> Substring {
        holder.split(separator: "#", maxSplits: 1).first ?? Substring(holder)
    }
}
