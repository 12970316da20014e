import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Latency samples and the percentiles BENCHMARKS.md reports.
struct Samples {
    private(set) var durations: [Duration] = []

    mutating func measure<T>(_ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        let result = try await body()
        durations.append(ContinuousClock.now - start)
        return result
    }

    func percentile(_ p: Double) -> Duration {
        let sorted = durations.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
    var seconds: Double { milliseconds / 1000 }

    /// `0.412 ms`, `12.3 s`: the unit people read fastest for the magnitude.
    var formatted: String {
        if milliseconds < 1 { return String(format: "%.0f µs", milliseconds * 1000) }
        if milliseconds < 1000 { return String(format: "%.2f ms", milliseconds) }
        return String(format: "%.2f s", seconds)
    }
}

/// Peak resident memory of this process (VmHWM), in MiB, from /proc on Linux.
func peakMemoryMiB() -> Double? { processStatusMiB("VmHWM") }

/// This process's private (anonymous) resident memory now, in MiB: its own heap, without the
/// database file's pages that reader connections map (`VmHWM` counts those once per connection
/// that touched them, though the kernel keeps one copy in its page cache).
func anonymousMemoryMiB() -> Double? { processStatusMiB("RssAnon") }

/// A kilobyte field of /proc/self/status (`VmHWM`, `RssAnon`), in MiB.
private func processStatusMiB(_ field: String) -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        let kilobytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap { Double($0) }
        return kilobytes.map { $0 / 1024 }
    }
    return nil
}

/// CPU time (user + system) this process has used so far: unlike wall time, it does not grow when
/// other processes compete for the cores, so runs on a busy machine stay comparable.
/// - Parameter children: the CPU time of this process's finished children (git) instead.
func processCPUTime(children: Bool = false) -> Duration {
    var usage = rusage()
    getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
    func duration(_ time: timeval) -> Duration { .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec)) }
    return duration(usage.ru_utime) + duration(usage.ru_stime)
}

/// A 64-bit FNV-1a checksum of everything a benchmark answered, printed beside its timings so a
/// change meant only to make it faster can be shown to answer exactly the same (compare the
/// checksum before and after).
struct ContentChecksum {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        value ^= 0xff
        value = value &* 0x0000_0100_0000_01b3
    }

    var hex: String { String(value, radix: 16) }
}
