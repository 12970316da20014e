import Slack
import SlackTesting
import Testing

/// Slack's official vector (docs.slack.dev, "Verifying requests from Slack"), verified in slack-protocol.md §2.2.
private enum OfficialVector {
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let timestamp: Int64 = 1_531_420_618
    static let body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    static let signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
}

private func verifier(now: Int64, secret: String = OfficialVector.secret) -> SlackSignatureVerifier {
    SlackSignatureVerifier(signingSecret: secret, now: { now })
}

@Suite struct SignatureTests {
    @Test func `official Slack vector verifies`() throws {
        #expect(OfficialVector.body.utf8.count == 362)
        try verifier(now: OfficialVector.timestamp)
            .verify(body: Array(OfficialVector.body.utf8), timestamp: "1531420618", signature: OfficialVector.signature)
    }

    @Test func `request signer reproduces the official signature`() {
        let headers = SlackRequestSigner(signingSecret: OfficialVector.secret).sign(body: OfficialVector.body, timestamp: OfficialVector.timestamp)
        #expect(headers.signature == OfficialVector.signature)
        #expect(headers.timestamp == "1531420618")
    }

    @Test(arguments: [
        (Int64(1_531_420_618), #"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#,
         "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652"),
        (Int64(1_700_000_000), "token=x&team_id=T0001&team_domain=example&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=%2Fowner&text=playlist-api&api_app_id=A123456&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0",
         "v0=60545ce4bf99b98214f358966fbac16c2028f4c8684190b00fbfbbaf100a06b4"),
        (Int64(1_700_000_000), "", "v0=e32114b39f9a22e4b8d8778478b39e6ed0677e5562e5474c3104b4074f1917e2"),
        (Int64(1_700_000_000), "payload=%7B%22type%22%3A%22block_actions%22%7D", "v0=8db5c6935539bab0224a57d21ee2f82f5789a9624fd2b92aa4529412fe007e74"),
    ])
    func `extra vectors verify`(timestamp: Int64, body: String, signature: String) throws {
        try verifier(now: timestamp).verify(body: Array(body.utf8), timestamp: String(timestamp), signature: signature)
        #expect(SlackSignatureVerifier.signature(signingSecret: OfficialVector.secret, timestamp: String(timestamp), body: Array(body.utf8)) == signature)
    }

    @Test(arguments: [Int64(300), -300])
    func `timestamps exactly at the window edge are accepted`(offset: Int64) throws {
        try verifier(now: OfficialVector.timestamp + offset)
            .verify(body: Array(OfficialVector.body.utf8), timestamp: "1531420618", signature: OfficialVector.signature)
    }

    @Test(arguments: [Int64(301), -301, 86_400])
    func `stale timestamps are rejected`(offset: Int64) {
        #expect(throws: SlackSignatureError.staleTimestamp(timestamp: OfficialVector.timestamp, now: OfficialVector.timestamp + offset)) {
            try verifier(now: OfficialVector.timestamp + offset)
                .verify(body: Array(OfficialVector.body.utf8), timestamp: "1531420618", signature: OfficialVector.signature)
        }
    }

    @Test func `a changed body, a wrong secret or a wrong signature is a mismatch`() {
        let tampered = OfficialVector.body.replacing("text=", with: "text=rm", maxReplacements: 1)
        #expect(throws: SlackSignatureError.mismatch) {
            try verifier(now: OfficialVector.timestamp).verify(body: Array(tampered.utf8), timestamp: "1531420618", signature: OfficialVector.signature)
        }
        #expect(throws: SlackSignatureError.mismatch) {
            try verifier(now: OfficialVector.timestamp, secret: "another-secret")
                .verify(body: Array(OfficialVector.body.utf8), timestamp: "1531420618", signature: OfficialVector.signature)
        }
        let wrong = "v0=" + String(repeating: "0", count: 64)
        #expect(throws: SlackSignatureError.mismatch) {
            try verifier(now: OfficialVector.timestamp).verify(body: Array(OfficialVector.body.utf8), timestamp: "1531420618", signature: wrong)
        }
    }

    @Test func `missing and malformed headers are typed errors`() {
        let body = Array(OfficialVector.body.utf8)
        let check = verifier(now: OfficialVector.timestamp)
        #expect(throws: SlackSignatureError.missingTimestamp) { try check.verify(body: body, timestamp: nil, signature: OfficialVector.signature) }
        #expect(throws: SlackSignatureError.missingSignature) { try check.verify(body: body, timestamp: "1531420618", signature: nil) }
        #expect(throws: SlackSignatureError.malformedTimestamp) { try check.verify(body: body, timestamp: "-1531420618", signature: OfficialVector.signature) }
        #expect(throws: SlackSignatureError.malformedTimestamp) { try check.verify(body: body, timestamp: "soon", signature: OfficialVector.signature) }
        #expect(throws: SlackSignatureError.malformedSignature) {
            try check.verify(body: body, timestamp: "1531420618", signature: OfficialVector.signature.replacing("v0=", with: "v1="))
        }
        #expect(throws: SlackSignatureError.malformedSignature) { try check.verify(body: body, timestamp: "1531420618", signature: "v0=abc") }
        #expect(throws: SlackSignatureError.malformedSignature) {
            try check.verify(body: body, timestamp: "1531420618", signature: "v0=" + String(repeating: "zz", count: 32))
        }
    }

    @Test func `uppercase hex signatures still verify`() throws {
        try verifier(now: OfficialVector.timestamp)
            .verify(body: Array(OfficialVector.body.utf8), timestamp: "1531420618", signature: "v0=" + OfficialVector.signature.dropFirst(3).uppercased())
    }
}
