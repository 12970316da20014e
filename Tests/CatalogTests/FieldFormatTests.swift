import Foundation
import Testing
@testable import Catalog

@Suite("Backstage field formats")
struct FieldFormatTests {
    @Test("entity names", arguments: [
        ("visits-tracking-service", true), ("CircleciBuildsDumpV2_avro_gcs", true), ("a", true), ("a--b", true), ("a.b_c-d", true),
        ("invalid component", false), ("-a", false), ("a-", false), ("a/b", false), ("", false), (String(repeating: "a", count: 64), false),
        (String(repeating: "a", count: 63), true),
    ])
    func names(_ value: String, _ valid: Bool) {
        #expect(FieldFormats.isValidObjectName(value) == valid)
    }

    @Test("namespaces accept consecutive dashes as current Backstage does", arguments: [
        ("default", true), ("external-systems", true), ("a--b", true), ("Default", false), ("a_b", false), ("a.b", false), ("-a", false), ("", false),
    ])
    func namespaces(_ value: String, _ valid: Bool) {
        #expect(FieldFormats.isValidDNSLabel(value) == valid)
    }

    @Test("tags", arguments: [
        ("java", true), ("data-service", true), ("c++", true), ("c#", true), ("k8s:prod", true),
        ("Hello World", false), ("tier_gold", false), ("a--b", false), ("-a", false), ("a-", false), ("Java", false),
    ])
    func tags(_ value: String, _ valid: Bool) {
        #expect(FieldFormats.isValidTag(value) == valid)
    }

    @Test("kinds", arguments: [("Component", true), ("API", true), ("MyKind2", true), ("2Kind", false), ("my-kind", false), ("", false)])
    func kinds(_ value: String, _ valid: Bool) {
        #expect(FieldFormats.isValidKind(value) == valid)
    }

    @Test("apiVersion", arguments: [
        ("backstage.io/v1alpha1", true), ("scaffolder.backstage.io/v1beta3", true), ("v1", true), ("my.company/v2", true),
        ("a/b/c", false), ("backstage.io/", false), ("Backstage.io/v1", false), ("backstage.io/v1-alpha", false),
    ])
    func apiVersions(_ value: String, _ valid: Bool) {
        #expect(FieldFormats.isValidAPIVersion(value) == valid)
    }

    @Test("label and annotation keys", arguments: [
        ("backstage.io/techdocs-ref", true), ("example.com/custom", true), ("simple", true), ("a/b/c", false),
        ("Example.com/x", false), ("example.com/-x", false), ("example..com/x", false),
    ])
    func metadataKeys(_ value: String, _ valid: Bool) {
        #expect(FieldFormats.isValidMetadataKey(value) == valid)
    }

    @Test("label values may be empty or names", arguments: [("", true), ("custom_label_value", true), ("two words", false)])
    func labelValues(_ value: String, _ valid: Bool) {
        #expect(FieldFormats.isValidLabelValue(value) == valid)
    }

    @Test("link URLs need a scheme", arguments: [
        ("https://admin.example-org.com", true), ("mailto:team@example.com", true), ("slack://channel?id=C1", true),
        ("admin.example-org.com", false), ("://x", false), ("https://exa mple.com", false),
    ])
    func urls(_ value: String, _ valid: Bool) {
        #expect(FieldFormats.isValidURL(value) == valid)
    }
}
