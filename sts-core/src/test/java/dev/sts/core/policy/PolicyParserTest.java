package dev.sts.core.policy;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.policy.condition.ConditionOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PolicyParserTest {
    private static final String OK_STATEMENT = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static String withCondition(String condition) {
        return policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":" + condition + "}");
    }

    private static void assertMalformed(String json, PolicyKind kind, String fragment) {
        assertThatThrownBy(() -> PolicyParser.parse(json, kind))
                .isInstanceOf(StsException.class)
                .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(StsErrorCode.MALFORMED_POLICY_DOCUMENT))
                .hasMessageContaining(fragment);
    }

    static Stream<Arguments> malformedDocuments() {
        return Stream.of(
                arguments("missingColon", "{\"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\" \"Allow\"}]}", "Syntax errors in policy. (line 3, column 13)"),
                arguments("comment", "{/* no */ \"Statement\": [" + OK_STATEMENT + "]}", "Syntax errors in policy."),
                arguments("lineComment", "{\"Statement\": [" + OK_STATEMENT + "] // no\n}", "Syntax errors in policy."),
                arguments("trailingCommaInObject", "{\"Statement\": [" + OK_STATEMENT + "],}", "Syntax errors in policy."),
                arguments("trailingCommaInArray", "{\"Statement\": [" + OK_STATEMENT + ",]}", "Syntax errors in policy."),
                arguments("singleQuotes", "{'Statement': []}", "Syntax errors in policy."),
                arguments("nan", withCondition("{\"NumericEquals\":{\"s3:max-keys\":NaN}}"), "Syntax errors in policy."),
                arguments("controlCharacterInString", "{\"Id\":\"a\u0001b\",\"Statement\":[" + OK_STATEMENT + "]}", "Syntax errors in policy."),
                arguments("duplicateTopLevelKey", "{\"Statement\":[" + OK_STATEMENT + "],\"Statement\":[" + OK_STATEMENT + "]}", "duplicate key 'Statement'"),
                arguments("duplicateStatementKey", policy("{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "duplicate key 'Effect'"),
                arguments("duplicateConditionKey", withCondition("{\"StringEquals\":{\"aws:x\":\"a\",\"aws:x\":\"b\"}}"), "duplicate key 'aws:x'"),
                arguments("trailingContent", policy(OK_STATEMENT) + " {}", "unexpected content after the policy"),
                arguments("rootIsArray", "[" + OK_STATEMENT + "]", "The policy must be a JSON object"),
                arguments("rootIsString", "\"policy\"", "The policy must be a JSON object"),
                arguments("blank", "   ", "the document is empty"),
                arguments("unknownTopLevelElement", "{\"Versoin\":\"2012-10-17\",\"Statement\":[" + OK_STATEMENT + "]}", "Policy: unknown element \"Versoin\""),
                arguments("elementNamesAreCaseSensitive", "{\"statement\":[" + OK_STATEMENT + "]}", "Policy: unknown element \"statement\""),
                arguments("unknownStatementElement", policy("{\"Effect\":\"Allow\",\"Actions\":\"s3:*\",\"Resource\":\"*\"}"), "Statement[0]: unknown element \"Actions\""),
                arguments("badVersion", "{\"Version\":\"2012-10-18\",\"Statement\":[" + OK_STATEMENT + "]}", "Version: must be \"2008-10-17\" or \"2012-10-17\""),
                arguments("numericVersion", "{\"Version\":2012,\"Statement\":[" + OK_STATEMENT + "]}", "Version: must be a string"),
                arguments("idNotAString", "{\"Id\":1,\"Statement\":[" + OK_STATEMENT + "]}", "Id: must be a string"),
                arguments("missingStatement", "{\"Version\":\"2012-10-17\"}", "missing required element Statement"),
                arguments("emptyStatement", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "Statement: must contain at least one statement"),
                arguments("statementIsAString", "{\"Statement\":\"Allow\"}", "Statement: must be an object or an array of objects"),
                arguments("statementElementNotObject", policy(OK_STATEMENT + ",3"), "Statement[1]: must be an object"),
                arguments("missingEffect", policy("{\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Statement[0]: missing required element Effect"),
                arguments("lowerCaseEffect", policy("{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Statement[0].Effect: must be \"Allow\" or \"Deny\""),
                arguments("effectNotString", policy("{\"Effect\":true,\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Statement[0].Effect: must be a string"),
                arguments("missingAction", policy("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"), "Statement[0]: Policy statement must contain actions"),
                arguments("actionAndNotAction", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}"), "Action and NotAction cannot both be present"),
                arguments("actionWithoutVendor", policy("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"GetObject\"],\"Resource\":\"*\"}"),
                        "Statement[0].Action[1]: \"GetObject\" is not an action. Actions/Conditions must be prefaced by a vendor"),
                arguments("emptyActionArray", policy("{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}"), "Statement[0].Action: must not be an empty array"),
                arguments("actionNotString", policy("{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",7],\"Resource\":\"*\"}"), "Statement[0].Action[1]: must be a string"),
                arguments("actionObject", policy("{\"Effect\":\"Allow\",\"Action\":{},\"Resource\":\"*\"}"), "Statement[0].Action: must be a string or an array of strings"),
                arguments("missingResource", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}"), "Statement[0]: Policy statement must contain resources"),
                arguments("resourceAndNotResource", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"NotResource\":\"*\"}"), "Resource and NotResource cannot both be present"),
                arguments("resourceNotAnArn", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"bucket/key\"}"), "Resource \"bucket/key\" must be in ARN format or \"*\""),
                arguments("duplicateSid", policy("{\"Sid\":\"A\"," + OK_STATEMENT.substring(1) + ",{\"Sid\":\"B\"," + OK_STATEMENT.substring(1)
                        + ",{\"Sid\":\"A\"," + OK_STATEMENT.substring(1)), "Statement[2].Sid: duplicate Sid \"A\" (also Statement[0])"),
                arguments("sidNotString", policy("{\"Sid\":1," + OK_STATEMENT.substring(1)), "Statement[0].Sid: must be a string"),
                arguments("unknownOperator", policy(OK_STATEMENT + "," + OK_STATEMENT + ",{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"aws:x\":\"a\"}}}"),
                        "Statement[2].Condition: unknown operator StringEqualz"),
                arguments("operatorsAreCaseSensitive", withCondition("{\"stringequals\":{\"aws:x\":\"a\"}}"), "unknown operator stringequals"),
                arguments("nullIfExists", withCondition("{\"NullIfExists\":{\"aws:x\":\"true\"}}"), "unknown operator NullIfExists"),
                arguments("unknownQualifier", withCondition("{\"ForSomeValues:StringEquals\":{\"aws:x\":\"a\"}}"), "unknown operator ForSomeValues:StringEquals"),
                arguments("conditionKeyWithoutVendor", withCondition("{\"IpAddress\":{\"SourceIp\":\"10.0.0.0/8\"}}"), "condition key \"SourceIp\" is not valid"),
                arguments("invalidDate", withCondition("{\"DateLessThan\":{\"aws:CurrentTime\":\"tomorrow\"}}"),
                        "Statement[0].Condition.DateLessThan.aws:CurrentTime: 'tomorrow' is not a date"),
                arguments("impossibleDate", withCondition("{\"DateLessThan\":{\"aws:CurrentTime\":\"2024-02-30T00:00:00Z\"}}"), "is not a date"),
                arguments("invalidNumber", withCondition("{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}"), "'ten' is not a number"),
                arguments("exponentNumber", withCondition("{\"NumericLessThan\":{\"s3:max-keys\":1e5}}"), "is not a number"),
                arguments("hugeNumber", withCondition("{\"NumericLessThan\":{\"s3:max-keys\":" + "9".repeat(100) + "}}"), "a number longer than 64 characters"),
                arguments("variableInNumeric", withCondition("{\"NumericLessThan\":{\"s3:max-keys\":\"${aws:x}\"}}"), "'${aws:x}' is not a number"),
                arguments("cidrPrefixTooLong", withCondition("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}"), "prefix longer than 32 bits"),
                arguments("invalidIpv4", withCondition("{\"IpAddress\":{\"aws:SourceIp\":\"300.1.1.1\"}}"), "is not an IP address or CIDR block"),
                arguments("invalidIpv6", withCondition("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::1::2\"}}"), "is not an IP address or CIDR block"),
                arguments("hostnameIsNotAnAddress", withCondition("{\"IpAddress\":{\"aws:SourceIp\":\"localhost\"}}"), "is not an IP address or CIDR block"),
                arguments("invalidBase64", withCondition("{\"BinaryEquals\":{\"aws:x\":\"***\"}}"), "is not base64"),
                arguments("invalidBool", withCondition("{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}"), "'yes' is not true or false"),
                arguments("invalidNull", withCondition("{\"Null\":{\"aws:x\":\"maybe\"}}"), "'maybe' is not true or false"),
                arguments("conditionValueObject", withCondition("{\"StringEquals\":{\"aws:x\":{\"a\":\"b\"}}}"), "condition values must be strings, numbers or booleans"),
                arguments("conditionValueNull", withCondition("{\"StringEquals\":{\"aws:x\":null}}"), "condition values must be strings, numbers or booleans"),
                arguments("conditionValueNestedArray", withCondition("{\"StringEquals\":{\"aws:x\":[[\"a\"]]}}"), "aws:x[0]: condition values must be strings"),
                arguments("emptyConditionValues", withCondition("{\"StringEquals\":{\"aws:x\":[]}}"), "Statement[0].Condition.StringEquals.aws:x: must have at least one value"),
                arguments("conditionNotObject", withCondition("[]"), "Statement[0].Condition: must be an object of condition operators"),
                arguments("operatorNotObject", withCondition("{\"StringEquals\":\"aws:x\"}"), "Statement[0].Condition.StringEquals: must be an object of condition keys"),
                arguments("variableDefaultNotQuoted", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${aws:PrincipalTag/team, everyone}\"}"),
                        "needs its default in single quotes"),
                arguments("emptyVariable", withCondition("{\"StringEquals\":{\"aws:x\":\"${}\"}}"), "does not name a condition key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDocuments")
    void refusesMalformedDocuments(String name, String json, String fragment) {
        assertMalformed(json, null, fragment);
    }

    static Stream<Arguments> kindRules() {
        String withPrincipal = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}");
        String trustWithResource = policy("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}");
        String principalLess = policy(OK_STATEMENT);
        return Stream.of(
                arguments(PolicyKind.IDENTITY, withPrincipal, "Policy document should not specify a principal"),
                arguments(PolicyKind.SESSION, withPrincipal, "Policy document should not specify a principal"),
                arguments(PolicyKind.BOUNDARY, withPrincipal, "Policy document should not specify a principal"),
                arguments(PolicyKind.RESOURCE, principalLess, "Statement[0]: Missing required field Principal"),
                arguments(PolicyKind.TRUST, principalLess, "Statement[0]: Missing required field Principal"),
                arguments(PolicyKind.TRUST, trustWithResource, "Statement[0]: Has prohibited field Resource"),
                arguments(PolicyKind.RESOURCE, policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},\"Action\":\"s3:*\"}"),
                        "Statement[0].Principal: Invalid principal in policy: \"AWS\":\"alice\""),
                arguments(PolicyKind.RESOURCE, policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/*\"},\"Action\":\"s3:*\"}"),
                        "wildcards are not allowed in a principal ARN"),
                arguments(PolicyKind.RESOURCE, policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:group/Admins\"},\"Action\":\"s3:*\"}"),
                        "Invalid principal in policy"),
                arguments(PolicyKind.RESOURCE, policy("{\"Effect\":\"Allow\",\"Principal\":{\"Aws\":\"111122223333\"},\"Action\":\"s3:*\"}"),
                        "Statement[0].Principal: unknown principal type \"Aws\""),
                arguments(PolicyKind.RESOURCE, policy("{\"Effect\":\"Allow\",\"Principal\":\"111122223333\",\"Action\":\"s3:*\"}"),
                        "a string principal must be \"*\""),
                arguments(PolicyKind.RESOURCE, policy("{\"Effect\":\"Allow\",\"Principal\":{},\"Action\":\"s3:*\"}"),
                        "Statement[0].Principal: must be \"*\" or an object"),
                arguments(PolicyKind.RESOURCE, policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotPrincipal\":\"*\",\"Action\":\"s3:*\"}"),
                        "Principal and NotPrincipal cannot both be present"),
                arguments(PolicyKind.RESOURCE, policy("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2 amazonaws com\"},\"Action\":\"s3:*\"}"),
                        "Invalid principal in policy: \"Service\""));
    }

    @Test
    void refusesNotPrincipalInATrustPolicyButAcceptsTheSameTrustWithPrincipal() {
        String notPrincipal = policy("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:user/Mallory\"},"
                + "\"Action\":\"sts:AssumeRole\"}");
        String principal = notPrincipal.replace("NotPrincipal", "Principal");

        assertThat(PolicyParser.parse(principal, PolicyKind.TRUST).statements()).hasSize(1);
        assertMalformed(notPrincipal, PolicyKind.TRUST, "Statement[0]: Has prohibited field NotPrincipal");
        assertMalformed(notPrincipal.replace("Allow", "Deny"), PolicyKind.TRUST, "Has prohibited field NotPrincipal");
        assertThat(PolicyParser.parse(notPrincipal, PolicyKind.RESOURCE).statements().get(0).notPrincipal())
                .as("resource policies keep NotPrincipal").isTrue();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("kindRules")
    void appliesTheRulesOfEachPolicyKind(PolicyKind kind, String json, String fragment) {
        assertMalformed(json, kind, fragment);
    }

    @Test
    void readsVersionIdStatementsAndKeepsTheJson() {
        String json = "{\"Version\":\"2012-10-17\",\"Id\":\"doc-1\",\"Statement\":{\"Sid\":\"One\"," + OK_STATEMENT.substring(1) + "}";
        PolicyDocument document = PolicyParser.parse(json);
        assertThat(document.version()).isEqualTo("2012-10-17");
        assertThat(document.id()).contains("doc-1");
        assertThat(document.json()).isEqualTo(json);
        assertThat(document.kind()).isEqualTo(PolicyKind.IDENTITY);
        assertThat(document.statements()).singleElement().satisfies(s -> {
            assertThat(s.sid()).contains("One");
            assertThat(s.effect()).isEqualTo(Effect.ALLOW);
            assertThat(s.index()).isZero();
            assertThat(s.actions()).containsExactly("s3:GetObject");
            assertThat(s.resources()).containsExactly("*");
        });
    }

    @Test
    void absentVersionMeans2008() {
        assertThat(PolicyParser.parse("{\"Statement\":[" + OK_STATEMENT + "]}").version()).isEqualTo("2008-10-17");
    }

    @Test
    void infersResourceRulesFromAPrincipal() {
        PolicyDocument document = PolicyParser.parse(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\"}"));
        assertThat(document.kind()).isEqualTo(PolicyKind.RESOURCE);
        assertThat(document.statements().get(0).resources()).isEmpty();
        assertMalformed(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\"}," + OK_STATEMENT), null,
                "Statement[1]: Missing required field Principal");
    }

    @Test
    void acceptsEveryOperatorWithIfExistsAndSetQualifiers() {
        for (ConditionOperator operator : ConditionOperator.values()) {
            String value = switch (operator.family()) {
                case NUMERIC -> "\"5\"";
                case DATE -> "\"2024-01-01T00:00:00Z\"";
                case BOOL, NULL -> "\"true\"";
                case BINARY -> "\"QUJD\"";
                case IP -> "\"10.0.0.0/8\"";
                case ARN -> "\"arn:aws:iam::*:role/x\"";
                default -> "\"v\"";
            };
            for (String prefix : new String[]{"", "ForAllValues:", "ForAnyValue:"}) {
                String name = prefix + operator.wireName();
                assertThat(PolicyParser.parse(withCondition("{\"" + name + "\":{\"aws:k\":" + value + "}}")).statements()).hasSize(1);
                if (operator != ConditionOperator.NULL) {
                    assertThat(PolicyParser.parse(withCondition("{\"" + name + "IfExists\":{\"aws:k\":[" + value + "," + value + "]}}"))
                            .statements()).hasSize(1);
                }
            }
        }
    }

    @Test
    void acceptsNumbersAndBooleansAsConditionValues() {
        PolicyDocument document = PolicyParser.parse(withCondition(
                "{\"NumericLessThan\":{\"s3:max-keys\":10.50},\"Bool\":{\"aws:SecureTransport\":true},\"StringEquals\":{\"aws:x\":[1,false]}}"));
        assertThat(document.statements().get(0).conditions().conditions()).hasSize(3);
    }

    @Test
    void refusesNonUtf8Bytes() {
        byte[][] invalid = {
                {'{', '"', 'I', 'd', '"', ':', '"', (byte) 0xC3, '(', '"', '}'},
                {'{', '"', 'I', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                {'{', '"', 'I', 'd', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                {(byte) 0xFF, (byte) 0xFE, '{', '}'}};
        for (byte[] bytes : invalid) {
            assertThatThrownBy(() -> PolicyParser.parse(bytes))
                    .isInstanceOf(StsException.class).hasMessageContaining("not valid UTF-8");
        }
        String json = "{\"Id\":\"café\",\"Statement\":[" + OK_STATEMENT + "]}";
        assertThat(PolicyParser.parse(json.getBytes(StandardCharsets.UTF_8)).id()).contains("café");
    }

    @Test
    void refusesTenThousandNestedArraysWithoutOverflowingTheStack() {
        String deep = "{\"Statement\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertMalformed(deep, null, "nested deeper than 16 levels");
        String deepObjects = "{\"Id\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}";
        assertMalformed(deepObjects, null, "nested deeper than 16 levels");
        String unclosed = "[".repeat(100_000);
        assertMalformed(unclosed, null, "Syntax errors in policy.");
    }

    @Test
    void refusesHugeArraysAndDocuments() {
        String manyActions = "\"s3:GetObject\",".repeat(PolicyLimits.MAX_ARRAY_ELEMENTS) + "\"s3:PutObject\"";
        assertMalformed(policy("{\"Effect\":\"Allow\",\"Action\":[" + manyActions + "],\"Resource\":\"*\"}"), null,
                "Statement[0].Action: more than 4096 elements");
        String manyValues = "1,".repeat(PolicyLimits.MAX_ARRAY_ELEMENTS) + "2";
        assertMalformed(withCondition("{\"NumericEquals\":{\"s3:max-keys\":[" + manyValues + "]}}"), null,
                "Statement[0].Condition.NumericEquals.s3:max-keys: more than 4096 elements");
        String huge = policy(OK_STATEMENT).replace("\"Version\"", "\"Id\":\"" + "x".repeat(PolicyLimits.MAX_DOCUMENT_CHARS) + "\",\"Version\"");
        assertMalformed(huge, null, "longer than 131072 characters");
        assertThatThrownBy(() -> PolicyParser.parse(new byte[5 * PolicyLimits.MAX_DOCUMENT_CHARS]))
                .hasMessageContaining("longer than 131072 characters");
    }

    @Test
    void nullInputIsMalformed() {
        assertMalformed(null, null, "the document is empty");
        assertThatThrownBy(() -> PolicyParser.parse((byte[]) null)).isInstanceOf(StsException.class);
    }

    @Test
    void measuresSizeAsIamDoes() {
        assertThat(PolicySize.nonWhitespaceLength("{ \"a\" :\n\t\"b c\" }")).isEqualTo(11);
        assertThat(PolicySize.nonWhitespaceLength("{\"a\":\"\\\" x\"}")).isEqualTo(12);
        assertThat(PolicySize.nonWhitespaceLength("")).isZero();
    }
}
