/// Registry answers in each API's real shape (trimmed to a few versions; unknown fields kept so
/// the clients are shown to ignore them).
enum RegistryFixtures {
    /// `GET /react`: the full packument. 0.0.1 was unpublished: it stays in `time` only.
    static let npmReact = """
        {"_id":"react","_rev":"1923-7b3a5e5e8f0f0c2c","name":"react","description":"React is a JavaScript library for building user interfaces.",
         "dist-tags":{"latest":"19.2.0","next":"19.3.0-canary-1a2b3c4d-20251020","canary":"19.3.0-canary-1a2b3c4d-20251020"},
         "versions":{
           "18.3.1":{"name":"react","version":"18.3.1","dependencies":{"loose-envify":"^1.1.0"},"dist":{"shasum":"49ab892009c53933625bd16b2533fc754cab2891","tarball":"https://registry.npmjs.org/react/-/react-18.3.1.tgz","integrity":"sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ=="},"engines":{"node":">=0.10.0"}},
           "19.0.0":{"name":"react","version":"19.0.0","dist":{"tarball":"https://registry.npmjs.org/react/-/react-19.0.0.tgz"}},
           "19.2.0":{"name":"react","version":"19.2.0","dist":{"tarball":"https://registry.npmjs.org/react/-/react-19.2.0.tgz"}},
           "19.3.0-canary-1a2b3c4d-20251020":{"name":"react","version":"19.3.0-canary-1a2b3c4d-20251020","deprecated":false}
         },
         "time":{"created":"2011-10-26T17:46:21.942Z","modified":"2025-10-20T08:01:02.000Z","0.0.1":"2011-10-26T17:46:22.746Z",
           "18.3.1":"2024-04-26T16:42:59.479Z","19.0.0":"2024-12-05T18:10:14.542Z","19.2.0":"2025-10-01T21:38:32.117Z",
           "19.3.0-canary-1a2b3c4d-20251020":"2025-10-20T08:01:01.000Z"},
         "maintainers":[{"name":"fb","email":"opensource+npm@fb.com"}],"license":"MIT","readme":"","readmeFilename":""}
        """

    /// `GET /@types%2Fnode`.
    static let npmTypesNode = """
        {"_id":"@types/node","name":"@types/node","dist-tags":{"latest":"22.10.1"},
         "versions":{"20.17.9":{"name":"@types/node","version":"20.17.9"},"22.10.1":{"name":"@types/node","version":"22.10.1"}},
         "time":{"created":"2016-05-17T18:31:05.384Z","modified":"2024-12-01T12:00:00.000Z","20.17.9":"2024-11-30T00:02:48.155Z","22.10.1":"2024-11-29T23:44:33.120Z"}}
        """

    /// `GET /pypi/requests-oauthlib/json`: 2.0.1 is yanked (every file), days are the earliest upload.
    static let pypiRequestsOauthlib = """
        {"info":{"name":"requests-oauthlib","version":"2.0.0","summary":"OAuthlib authentication support for Requests.","requires_python":">=3.4","yanked":false},
         "last_serial":23456789,
         "releases":{
           "1.3.1":[{"filename":"requests_oauthlib-1.3.1-py2.py3-none-any.whl","packagetype":"bdist_wheel","size":23730,"upload_time":"2022-01-29T16:21:49","upload_time_iso_8601":"2022-01-29T16:21:49.178553Z","yanked":false,"yanked_reason":null},
                    {"filename":"requests-oauthlib-1.3.1.tar.gz","packagetype":"sdist","size":52027,"upload_time":"2022-01-29T16:21:51","upload_time_iso_8601":"2022-01-29T16:21:51.442302Z","yanked":false,"yanked_reason":null}],
           "2.0.0":[{"filename":"requests-oauthlib-2.0.0.tar.gz","packagetype":"sdist","upload_time":"2024-03-22T20:32:29","upload_time_iso_8601":"2024-03-22T20:32:29.514402Z","yanked":false,"yanked_reason":null},
                    {"filename":"requests_oauthlib-2.0.0-py2.py3-none-any.whl","packagetype":"bdist_wheel","upload_time":"2024-03-22T20:32:28","upload_time_iso_8601":"2024-03-22T20:32:28.010115Z","yanked":false,"yanked_reason":null}],
           "2.0.1":[{"filename":"requests-oauthlib-2.0.1.tar.gz","packagetype":"sdist","upload_time":"2024-05-02T10:00:00","upload_time_iso_8601":"2024-05-02T10:00:00.000000Z","yanked":true,"yanked_reason":"broken metadata"}],
           "0.0.0":[]
         },
         "urls":[],"vulnerabilities":[]}
        """

    /// `GET /com/fasterxml/jackson/core/jackson-databind/maven-metadata.xml`.
    static let mavenMetadata = """
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata modelVersion="1.1.0">
          <groupId>com.fasterxml.jackson.core</groupId>
          <artifactId>jackson-databind</artifactId>
          <versioning>
            <latest>2.18.2</latest>
            <release>2.18.2</release>
            <versions>
              <version>2.15.0</version>
              <version>2.17.0</version>
              <version>2.18.2</version>
            </versions>
            <lastUpdated>20241128103524</lastUpdated>
          </versioning>
        </metadata>
        """

    /// `GET /solrsearch/select?q=g:"com.fasterxml.jackson.core" AND a:"jackson-databind"&core=gav&wt=json`.
    static let mavenSearch = """
        {"responseHeader":{"status":0,"QTime":2,"params":{"q":"g:\\"com.fasterxml.jackson.core\\" AND a:\\"jackson-databind\\"","core":"gav","wt":"json","rows":"200"}},
         "response":{"numFound":2,"start":0,"docs":[
           {"id":"com.fasterxml.jackson.core:jackson-databind:2.18.2","g":"com.fasterxml.jackson.core","a":"jackson-databind","v":"2.18.2","p":"bundle","timestamp":1732789535000,"ec":["-sources.jar",".jar",".pom"],"tags":["json"]},
           {"id":"com.fasterxml.jackson.core:jackson-databind:2.15.0","g":"com.fasterxml.jackson.core","a":"jackson-databind","v":"2.15.0","p":"bundle","timestamp":1682121600000,"ec":[".jar",".pom"]}
         ]}}
        """

    /// `GET /github.com/!azure/azure-sdk-for-go/sdk/azcore/@v/v1.16.0.info`.
    static func goInfo(_ version: String, _ time: String) -> String {
        """
        {"Version":"\(version)","Time":"\(time)","Origin":{"VCS":"git","URL":"https://github.com/Azure/azure-sdk-for-go","Subdir":"sdk/azcore","Ref":"refs/tags/sdk/azcore/\(version)","Hash":"5ab22a8b0d9a04af1c7b3bb2e76a56b6e1c9e1b4"}}
        """
    }

    /// `GET /api/v1/crates/serde`: 1.0.216 was yanked.
    static let cratesSerde = """
        {"categories":[{"category":"Encoding","crates_cnt":800,"id":"encoding","slug":"encoding"}],
         "crate":{"id":"serde","name":"serde","max_version":"1.0.215","max_stable_version":"1.0.215","newest_version":"1.0.215","downloads":500000000,"repository":"https://github.com/serde-rs/serde"},
         "keywords":[],
         "versions":[
           {"id":1400003,"crate":"serde","num":"1.0.216","created_at":"2024-12-11T05:15:41.254181+00:00","updated_at":"2024-12-11T07:00:00.000000+00:00","yanked":true,"license":"MIT OR Apache-2.0","crate_size":79000,"published_by":null},
           {"id":1400002,"crate":"serde","num":"1.0.215","created_at":"2024-11-11T03:12:33.891273+00:00","updated_at":"2024-11-11T03:12:33.891273+00:00","yanked":false,"license":"MIT OR Apache-2.0","crate_size":78919},
           {"id":1100000,"crate":"serde","num":"1.0.190","created_at":"2023-10-24T22:05:06.300742+00:00","updated_at":"2023-10-24T22:05:06.300742+00:00","yanked":false,"license":"MIT OR Apache-2.0","crate_size":76000}
         ]}
        """

    /// `GET /api/v1/versions/nokogiri.json`: newest first, one entry per platform.
    static let rubygemsNokogiri = """
        [{"authors":"Mike Dalessio, Aaron Patterson","built_at":"2024-12-16T00:00:00.000Z","created_at":"2024-12-16T17:10:07.511Z","description":"Nokogiri makes it easy","downloads_count":120000,"metadata":{"changelog_uri":"https://nokogiri.org/CHANGELOG.html"},"number":"1.17.2","summary":"Nokogiri","platform":"x86_64-linux","rubygems_version":">= 3.3.22","ruby_version":">= 3.1.0","prerelease":false,"licenses":["MIT"],"requirements":[],"sha":"aa"},
         {"authors":"Mike Dalessio, Aaron Patterson","built_at":"2024-12-16T00:00:00.000Z","created_at":"2024-12-16T17:09:01.402Z","number":"1.17.2","platform":"ruby","prerelease":false,"licenses":["MIT"],"sha":"bb"},
         {"authors":"Mike Dalessio, Aaron Patterson","built_at":"2023-12-28T00:00:00.000Z","created_at":"2023-12-28T15:20:11.123Z","number":"1.16.0","platform":"ruby","prerelease":false,"licenses":["MIT"],"sha":"cc"},
         {"authors":"Mike Dalessio, Aaron Patterson","built_at":"2024-11-01T00:00:00.000Z","created_at":"2024-11-01T10:00:00.000Z","number":"1.17.0.rc1","platform":"ruby","prerelease":true,"licenses":["MIT"],"sha":"dd"}]
        """
}
