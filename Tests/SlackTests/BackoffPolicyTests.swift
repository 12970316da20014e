import Slack
import Testing

@Suite struct BackoffPolicyTests {
    @Test func `exponential backoff grows, caps and jitters downwards only`() {
        let plain = BackoffPolicy.exponential(initial: .seconds(1), multiplier: 2, maximum: .seconds(10), jitter: 0)
        #expect((1...6).map { plain.delay(forAttempt: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        let jittered = BackoffPolicy.exponential(initial: .seconds(4), jitter: 0.5)
        for _ in 0..<50 {
            let delay = jittered.delay(forAttempt: 1)
            #expect(delay > .seconds(2) && delay <= .seconds(4))
        }
        #expect(BackoffPolicy.immediate.delay(forAttempt: 9) == .zero)
    }
}
