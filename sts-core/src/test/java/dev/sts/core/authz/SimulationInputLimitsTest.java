package dev.sts.core.authz;

import dev.sts.core.error.StsException;
import dev.sts.core.protocol.QueryParameters;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulators' inputs, limited as AWS's model limits them; each refusal beside the same request within limits. */
class SimulationInputLimitsTest {
    private static final String POLICY = "PolicyInputList.member.1=" + URLEncoder.encode(
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}", StandardCharsets.UTF_8);

    @Test
    void aRequestWithinTheLimitsPasses() {
        assertThatCode(() -> SimulationInputLimits.check(QueryParameters.parse(POLICY + "&ActionNames.member.1=s3:GetObject"
                + "&ResourceArns.member.1=arn:aws:s3:::" + "x".repeat(2035)
                + "&ContextEntries.member.1.ContextKeyName=s3:prefix&ContextEntries.member.1.ContextKeyType=string"
                + "&ContextEntries.member.1.ContextKeyValues.member.1=a"), false)).doesNotThrowAnyException();
    }

    @Test
    void eachLimitIsEnforced() {
        assertRefused(POLICY + "&ActionNames.member.1=s3", "actionNames.member.1");
        assertRefused(POLICY + "&ActionNames.member.1=s3:GetObject&ResourceArns.member.1=" + "x".repeat(2049),
                "resourceArns.member.1");
        assertRefused(POLICY + "&ActionNames.member.1=s3:GetObject&ContextEntries.member.1.ContextKeyName=a:b",
                "contextEntries.member.1.ContextKeyName");
        assertRefused(POLICY + "&ActionNames.member.1=s3:GetObject&ContextEntries.member.1.ContextKeyName=s3:prefix"
                + "&ContextEntries.member.1.ContextKeyType=text", "contextKeyType");
        assertRefused("ActionNames.member.1=s3:GetObject", "policyInputList");
        assertRefused(POLICY, "actionNames");
        assertRefused("PolicyInputList.member.1=%EF%BF%BF&ActionNames.member.1=s3:GetObject", "policyInputList.member.1");
    }

    @Test
    void tooManyActionResourcePairsAreRefused() {
        StringBuilder params = new StringBuilder(POLICY);
        for (int i = 1; i <= 41; i++) {
            params.append("&ActionNames.member.").append(i).append("=s3:Get").append(i);
        }
        for (int i = 1; i <= 25; i++) {
            params.append("&ResourceArns.member.").append(i).append("=arn:aws:s3:::b").append(i);
        }
        assertRefused(params.toString(), "at most 1000 action and resource combinations");
        assertThatCode(() -> SimulationInputLimits.check(QueryParameters.parse(params.toString()
                .replaceAll("&ResourceArns\\.member\\.2[0-5]=[^&]*", "")), false)).doesNotThrowAnyException();
    }

    private static void assertRefused(String params, String named) {
        assertThatThrownBy(() -> SimulationInputLimits.check(QueryParameters.parse(params), false))
                .isInstanceOf(StsException.class).hasMessageContaining(named);
    }
}
