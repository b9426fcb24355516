package dev.sts.core.sts;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.Tag;
import dev.sts.core.protocol.QueryParameters;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssumeRoleRequestTest {
    static final String ROLE = "arn:aws:iam::111111111111:role/ReportWriter";
    static final String SESSION_NAME_PATTERN = "[\\w+=,.@-]*";

    @Test
    void readsAMinimalRequest() {
        AssumeRoleRequest request = parse(base());
        assertThat(request.roleArn()).isEqualTo(ROLE);
        assertThat(request.roleSessionName()).isEqualTo("alice");
        assertThat(request.durationSeconds()).isEmpty();
        assertThat(request.policy()).isEmpty();
        assertThat(request.policyArns()).isEmpty();
        assertThat(request.tags()).isEmpty();
        assertThat(request.transitiveTagKeys()).isEmpty();
        assertThat(request.externalId()).isEmpty();
        assertThat(request.presentsMfa()).isFalse();
        assertThat(request.sourceIdentity()).isEmpty();
        assertThat(request.passesSessionPolicies()).isFalse();
    }

    @Test
    void readsEveryParameter() {
        Map<String, String> p = base();
        p.put("DurationSeconds", "1800");
        p.put("Policy", PackedPolicySizeTest.SMALL_POLICY);
        p.put("PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        p.put("PolicyArns.member.2.arn", "arn:aws:iam::111111111111:policy/team/Reports");
        p.put("Tags.member.1.Key", "Project");
        p.put("Tags.member.1.Value", "Automation");
        p.put("Tags.member.2.Key", "Café Ünïcode");
        p.put("Tags.member.2.Value", "");
        p.put("TransitiveTagKeys.member.1", "project");
        p.put("ExternalId", "Example987");
        p.put("SerialNumber", "arn:aws:iam::111111111111:mfa/alice");
        p.put("TokenCode", "123456");
        p.put("SourceIdentity", "alice@example.com");
        AssumeRoleRequest request = parse(p);
        assertThat(request.durationSeconds()).hasValue(1800);
        assertThat(request.policyJson()).hasValue(PackedPolicySizeTest.SMALL_POLICY);
        assertThat(request.policyArns()).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::111111111111:policy/team/Reports");
        assertThat(request.tags()).containsExactly(new Tag("Project", "Automation"), new Tag("Café Ünïcode", ""));
        assertThat(request.transitiveTagKeys()).as("spelled as the tag spells it").containsExactly("Project");
        assertThat(request.externalId()).hasValue("Example987");
        assertThat(request.serialNumber()).hasValue("arn:aws:iam::111111111111:mfa/alice");
        assertThat(request.tokenCode()).hasValue("123456");
        assertThat(request.presentsMfa()).isTrue();
        assertThat(request.sourceIdentity()).hasValue("alice@example.com");
        assertThat(request.passesSessionPolicies()).isTrue();
        assertThat(request.toString()).doesNotContain("Example987", "123456", "Automation");
    }

    @Nested
    class RoleArn {
        @Test
        void isRequired() {
            Map<String, String> p = base();
            p.remove("RoleArn");
            validation(p, "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
                    + "Member must not be null");
        }

        @Test
        void lengthEdges() {
            String nineteen = "arn:aws:iam::1:role";
            validation(with("RoleArn", nineteen), "1 validation error detected: Value '" + nineteen + "' at 'roleArn' "
                    + "failed to satisfy constraint: Member must have length greater than or equal to 20");
            String twenty = nineteen + "/";
            validation(with("RoleArn", twenty), twenty + " is invalid");
            String max = "arn:aws:iam::111111111111:role/" + "a".repeat(2048 - 31);
            assertThat(max).hasSize(2048);
            validation(with("RoleArn", max), "is invalid");
            validation(with("RoleArn", max + "a"), "at 'roleArn' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 2048");
        }

        @Test
        void charactersOutsideAwsArnPatternAreRefusedBeforeTheArnRules() {
            String bad = ROLE + "\uFFFF";
            validation(with("RoleArn", bad), "at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+");
            validation(with("PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/ReadOnly\u0001Access"),
                    "at 'policyArns.1.member.arn' failed to satisfy constraint: Member must satisfy regular expression pattern");
            assertThat(parse(with("PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/ReadOnlyAccess")).policyArns())
                    .containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
        }

        @Test
        void mustNameAnIamRole() {
            for (String arn : List.of("arn:aws:iam::111111111111:user/alice", "arn:aws:s3:::bucket/role/x",
                    "arn:aws:iam:us-east-1:111111111111:role/R", "arn:aws:iam::11111111111:role/Shortaccount",
                    "arn:aws:iam::111111111111:role/", "arn:aws-cn:iam::111111111111:role/R", "not an arn at all ...",
                    "arn:aws:iam::111111111111:role/" + "n".repeat(65), "arn:aws:iam::111111111111:role/bad name",
                    "arn:aws:iam::111111111111:role/path/with space/R", "arn:aws:iam::aws:role/AwsOwnedRole")) {
                validation(with("RoleArn", arn), arn + " is invalid");
            }
            for (String arn : List.of("arn:aws:iam::111111111111:role/R", "arn:aws:iam::111111111111:role/division/team/R",
                    "arn:aws:iam::111111111111:role/" + "n".repeat(64), "arn:aws:iam::111111111111:role/a+=,.@-_b")) {
                assertThat(parse(with("RoleArn", arn)).roleArn()).isEqualTo(arn);
            }
        }
    }

    @Nested
    class RoleSessionName {
        @Test
        void isRequired() {
            Map<String, String> p = base();
            p.remove("RoleSessionName");
            validation(p, "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        }

        @Test
        void lengthEdges() {
            validation(with("RoleSessionName", "a"), "1 validation error detected: Value 'a' at 'roleSessionName' "
                    + "failed to satisfy constraint: Member must have length greater than or equal to 2");
            assertThat(parse(with("RoleSessionName", "ab")).roleSessionName()).isEqualTo("ab");
            assertThat(parse(with("RoleSessionName", "s".repeat(64))).roleSessionName()).hasSize(64);
            validation(with("RoleSessionName", "s".repeat(65)), "1 validation error detected: Value '" + "s".repeat(65)
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64");
        }

        @Test
        void patternIsAwsWorded() {
            validation(with("RoleSessionName", "my session"), "1 validation error detected: Value 'my session' at "
                    + "'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + SESSION_NAME_PATTERN);
            assertThat(parse(with("RoleSessionName", "a+=,.@-_9")).roleSessionName()).isEqualTo("a+=,.@-_9");
        }

        @Test
        void controlCharactersAreNotEchoed() {
            assertThatThrownBy(() -> parse(with("RoleSessionName", "a\u0000b\nc")))
                    .hasMessageContaining("Value 'a?b?c'");
        }
    }

    @Test
    void durationEdges() {
        validation(with("DurationSeconds", "899"), "1 validation error detected: Value '899' at 'durationSeconds' "
                + "failed to satisfy constraint: Member must have value greater than or equal to 900");
        assertThat(parse(with("DurationSeconds", "900")).durationSeconds()).hasValue(900);
        assertThat(parse(with("DurationSeconds", "43200")).durationSeconds()).hasValue(43200);
        validation(with("DurationSeconds", "43201"), "Member must have value less than or equal to 43200");
        validation(with("DurationSeconds", "1h"), "Member must be a number");
    }

    @Nested
    class Policy {
        @Test
        void lengthEdges() {
            validation(with("Policy", ""), "1 validation error detected: Value at 'policy' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
            assertThatThrownBy(() -> parse(with("Policy", "{")))
                    .as("one character is long enough, but is no policy")
                    .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.MALFORMED_POLICY_DOCUMENT);
            String max = PackedPolicySizeTest.policyOfLength(2048);
            assertThat(parse(with("Policy", max)).policyJson()).hasValue(max);
            validation(with("Policy", PackedPolicySizeTest.policyOfLength(2049)), "1 validation error detected: Value at "
                    + "'policy' failed to satisfy constraint: Member must have length less than or equal to 2048");
        }

        @Test
        void charactersBeyondLatin1AreRefusedWithoutEchoingThePolicy() {
            String euro = PackedPolicySizeTest.SMALL_POLICY.replace("reports", "reports€");
            assertThatThrownBy(() -> parse(with("Policy", euro)))
                    .hasMessage("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must "
                            + "satisfy regular expression pattern: " + AssumeRoleRequest.POLICY_TEXT.pattern());
        }

        @Test
        void mustBeAValidSessionPolicy() {
            String withPrincipal = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
            for (String bad : List.of(withPrincipal, "{\"Version\":\"2012-10-17\"}", "[]", "not json")) {
                assertThatThrownBy(() -> parse(with("Policy", bad))).isInstanceOf(StsException.class)
                        .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.MALFORMED_POLICY_DOCUMENT);
            }
        }

        @Test
        void shapeErrorsComeBeforePolicyErrors() {
            Map<String, String> p = with("Policy", "not json");
            p.put("RoleSessionName", "bad name");
            validation(p, "at 'roleSessionName'");
        }
    }

    @Nested
    class PolicyArns {
        @Test
        void atMostTen() {
            Map<String, String> p = base();
            for (int i = 1; i <= 10; i++) {
                p.put("PolicyArns.member." + i + ".arn", "arn:aws:iam::111111111111:policy/P" + i);
            }
            assertThat(parse(p).policyArns()).hasSize(10);
            p.put("PolicyArns.member.11.arn", "arn:aws:iam::111111111111:policy/P11");
            validation(p, "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 10");
        }

        @Test
        void lengthEdges() {
            validation(with("PolicyArns.member.1.arn", "arn:aws:iam::aws:p"), "1 validation error detected: Value "
                    + "'arn:aws:iam::aws:p' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have "
                    + "length greater than or equal to 20");
        }

        private AssumeRoleRequest parseArn(String arn) {
            return parse(with("PolicyArns.member.1.arn", arn));
        }

        @Test
        void twentyCharactersPassTheLengthCheck() {
            validation(with("PolicyArns.member.1.arn", "arn:aws:iam::aws:po/"), "arn:aws:iam::aws:po/ is invalid");
            String max = "arn:aws:iam::aws:policy/" + "p".repeat(2048 - 24);
            validation(with("PolicyArns.member.1.arn", max), "is invalid");
            validation(with("PolicyArns.member.1.arn", max + "p"), "at 'policyArns.1.member.arn' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 2048");
        }

        @Test
        void mustNameAManagedPolicy() {
            assertThat(parseArn("arn:aws:iam::aws:policy/service-role/AWSLambdaRole").policyArns()).hasSize(1);
            assertThat(parseArn("arn:aws:iam::111111111111:policy/" + "p".repeat(128)).policyArns()).hasSize(1);
            for (String arn : List.of(ROLE, "arn:aws:iam::111111111111:policy/" + "p".repeat(129),
                    "arn:aws:s3:::bucket/policy/x", "arn:aws:iam::amazon:policy/ReadOnlyAccess")) {
                validation(with("PolicyArns.member.1.arn", arn), arn + " is invalid");
            }
        }
    }

    @Nested
    class Tags {
        @Test
        void atMostFifty() {
            Map<String, String> p = base();
            for (int i = 1; i <= 50; i++) {
                p.put("Tags.member." + i + ".Key", "k" + i);
                p.put("Tags.member." + i + ".Value", "v");
            }
            assertThat(parse(p).tags()).hasSize(50);
            p.put("Tags.member.51.Key", "k51");
            p.put("Tags.member.51.Value", "v");
            validation(p, "1 validation error detected: Value at 'tags' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 50");
        }

        @Test
        void keyLengthEdges() {
            validation(tag("", "v"), "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
            assertThat(parse(tag("k", "v")).tags()).containsExactly(new Tag("k", "v"));
            assertThat(parse(tag("k".repeat(128), "v")).tags().get(0).key()).hasSize(128);
            validation(tag("k".repeat(129), "v"), "at 'tags.1.member.key' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 128");
        }

        @Test
        void valueLengthEdges() {
            assertThat(parse(tag("k", "")).tags()).containsExactly(new Tag("k", ""));
            assertThat(parse(tag("k", "v".repeat(256))).tags().get(0).value()).hasSize(256);
            validation(tag("k", "v".repeat(257)), "at 'tags.1.member.value' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 256");
        }

        @Test
        void patterns() {
            validation(tag("a*b", "v"), "1 validation error detected: Value 'a*b' at 'tags.1.member.key' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
            validation(tag("k", "semi;colon"), "Value 'semi;colon' at 'tags.1.member.value' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
            assertThat(parse(tag("a b_.:/=+-@9", "Ünïcode 1")).tags()).hasSize(1);
        }

        @Test
        void keyAndValueAreBothRequired() {
            Map<String, String> p = base();
            p.put("Tags.member.1.Key", "k");
            validation(p, "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy "
                    + "constraint: Member must not be null");
            Map<String, String> q = base();
            q.put("Tags.member.1.Value", "v");
            validation(q, "Value null at 'tags.1.member.key'");
        }

        @Test
        void keysAreUniqueRegardlessOfCase() {
            Map<String, String> p = tag("Project", "a");
            p.put("Tags.member.2.Key", "PROJECT");
            p.put("Tags.member.2.Value", "b");
            assertThatThrownBy(() -> parse(p)).isInstanceOf(StsException.class)
                    .hasMessage("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
                    .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.INVALID_PARAMETER_VALUE);
        }

        private Map<String, String> tag(String key, String value) {
            Map<String, String> p = base();
            p.put("Tags.member.1.Key", key);
            p.put("Tags.member.1.Value", value);
            return p;
        }
    }

    @Nested
    class TransitiveTagKeys {
        @Test
        void atMostFifty() {
            Map<String, String> p = base();
            for (int i = 1; i <= 50; i++) {
                p.put("Tags.member." + i + ".Key", "k" + i);
                p.put("Tags.member." + i + ".Value", "v");
                p.put("TransitiveTagKeys.member." + i, "k" + i);
            }
            assertThat(parse(p).transitiveTagKeys()).hasSize(50);
            p.put("TransitiveTagKeys.member.51", "k1");
            validation(p, "1 validation error detected: Value at 'transitiveTagKeys' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 50");
        }

        @Test
        void eachMustBeARequestedTagKey() {
            Map<String, String> p = with("Tags.member.1.Key", "Project");
            p.put("Tags.member.1.Value", "x");
            p.put("TransitiveTagKeys.member.1", "Department");
            assertThatThrownBy(() -> parse(p)).isInstanceOf(StsException.class)
                    .hasMessage("The specified transitive tag key must be included in the requested tags.")
                    .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.INVALID_PARAMETER_VALUE);
            validation(with("TransitiveTagKeys.member.1", "k".repeat(129)),
                    "at 'transitiveTagKeys.1.member' failed to satisfy constraint: Member must have length less than or equal to 128");
            validation(with("TransitiveTagKeys.member.1", ""), "at 'transitiveTagKeys.1.member' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }

        @Test
        void repeatsCollapse() {
            Map<String, String> p = with("Tags.member.1.Key", "Project");
            p.put("Tags.member.1.Value", "x");
            p.put("TransitiveTagKeys.member.1", "Project");
            p.put("TransitiveTagKeys.member.2", "PROJECT");
            assertThat(parse(p).transitiveTagKeys()).containsExactly("Project");
        }
    }

    @Test
    void externalIdEdges() {
        validation(with("ExternalId", "x"), "1 validation error detected: Value at 'externalId' failed to satisfy "
                + "constraint: Member must have length greater than or equal to 2");
        assertThat(parse(with("ExternalId", "xy")).externalId()).hasValue("xy");
        assertThat(parse(with("ExternalId", "x".repeat(1224))).externalId()).hasValue("x".repeat(1224));
        validation(with("ExternalId", "x".repeat(1225)), "Member must have length less than or equal to 1224");
        validation(with("ExternalId", "has space"), "Value at 'externalId' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
        assertThat(parse(with("ExternalId", "a+=,.@:/-_b")).externalId()).hasValue("a+=,.@:/-_b");
    }

    @Nested
    class Mfa {
        @Test
        void serialNumberEdges() {
            validation(mfa("s".repeat(8), "123456"), "1 validation error detected: Value 'ssssssss' at 'serialNumber' "
                    + "failed to satisfy constraint: Member must have length greater than or equal to 9");
            assertThat(parse(mfa("s".repeat(9), "123456")).serialNumber()).hasValue("s".repeat(9));
            assertThat(parse(mfa("s".repeat(256), "123456")).serialNumber()).hasValue("s".repeat(256));
            validation(mfa("s".repeat(257), "123456"), "Member must have length less than or equal to 256");
            validation(mfa("GAHT 12345678", "123456"), "Member must satisfy regular expression pattern: [\\w+=/:,.@-]*");
        }

        @Test
        void tokenCodeIsSixDigits() {
            validation(mfa("GAHT12345678", "12345"), "Value at 'tokenCode' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 6");
            assertThat(parse(mfa("GAHT12345678", "000000")).tokenCode()).hasValue("000000");
            validation(mfa("GAHT12345678", "1234567"), "Member must have length less than or equal to 6");
            validation(mfa("GAHT12345678", "12345a"), "Member must satisfy regular expression pattern: [\\d]*");
        }

        @Test
        void bothOrNeither() {
            for (Map<String, String> p : List.of(with("SerialNumber", "GAHT12345678"), with("TokenCode", "123456"))) {
                assertThatThrownBy(() -> parse(p)).isInstanceOf(StsException.class)
                        .hasMessage("MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.")
                        .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.ACCESS_DENIED);
            }
        }

        private Map<String, String> mfa(String serial, String code) {
            Map<String, String> p = with("SerialNumber", serial);
            p.put("TokenCode", code);
            return p;
        }
    }

    @Test
    void sourceIdentityEdges() {
        validation(with("SourceIdentity", "a"), "1 validation error detected: Value 'a' at 'sourceIdentity' failed to "
                + "satisfy constraint: Member must have length greater than or equal to 2");
        assertThat(parse(with("SourceIdentity", "ab")).sourceIdentity()).hasValue("ab");
        assertThat(parse(with("SourceIdentity", "s".repeat(64))).sourceIdentity()).hasValue("s".repeat(64));
        validation(with("SourceIdentity", "s".repeat(65)), "Member must have length less than or equal to 64");
        for (String reserved : List.of("aws:admin", "AWS:admin", "Aws:x")) {
            validation(with("SourceIdentity", reserved), "Value '" + reserved + "' at 'sourceIdentity' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        assertThat(parse(with("SourceIdentity", "awsuser")).sourceIdentity()).hasValue("awsuser");
    }

    @Test
    void longEchoesAreCut() {
        assertThat(AssumeRoleRequest.shown("x".repeat(300))).hasSize(259).endsWith("x...");
        assertThat(AssumeRoleRequest.shown("é\uD800z")).isEqualTo("é?z");
    }

    @Test
    void everyBrokenConstraintIsReportedInOneRefusal() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("RoleSessionName", "a");
        p.put("DurationSeconds", "60");
        p.put("Tags.member.1.Key", "");
        p.put("Tags.member.1.Value", "v");
        p.put("TokenCode", "12");
        validation(p, "5 validation errors detected: "
                + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
                + "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; "
                + "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900; "
                + "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + "Value at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6");
    }

    @Test
    void aListTooLongIsOneViolationBesideTheOthers() {
        Map<String, String> p = with("DurationSeconds", "43201");
        for (int i = 1; i <= 51; i++) {
            p.put("Tags.member." + i + ".Key", i == 1 ? "" : "k" + i);
            p.put("Tags.member." + i + ".Value", "v");
        }
        validation(p, "2 validation errors detected: "
                + "Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200; "
                + "Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    @Test
    void stsRulesApplyOnlyOnceTheModelsConstraintsHold() {
        // A malformed ARN is STS's own rule: with a model violation beside it, only the model's is reported.
        Map<String, String> p = with("RoleArn", "arn:aws:iam::111111111111:user/bob");
        validation(p, "arn:aws:iam::111111111111:user/bob is invalid");
        p.put("DurationSeconds", "1");
        validation(p, "1 validation error detected: Value '1' at 'durationSeconds'");
    }

    static Map<String, String> base() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("RoleArn", ROLE);
        p.put("RoleSessionName", "alice");
        return p;
    }

    static Map<String, String> with(String name, String value) {
        Map<String, String> p = base();
        p.put(name, value);
        return p;
    }

    static AssumeRoleRequest parse(Map<String, String> params) {
        return AssumeRoleRequest.from(query(params));
    }

    static QueryParameters query(Map<String, String> params) {
        return QueryParameters.parse(params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void validation(Map<String, String> params, String message) {
        assertThatThrownBy(() -> parse(params)).isInstanceOf(StsException.class).hasMessageContaining(message)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.VALIDATION_ERROR);
    }
}
