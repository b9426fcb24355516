package dev.sts.core.protocol;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterConstraintsTest {

    @Test
    void roleDescriptionAdmitsLatin1TextAndRefusesCharactersOutsideAwsPattern() {
        assertThat(ParameterConstraints.ROLE_DESCRIPTION.admits("Rôle de l'équipe ½ — no")).as("U+2014 is outside the pattern").isFalse();
        assertThat(ParameterConstraints.ROLE_DESCRIPTION.admits("Rôle de l'équipe ½, tab\tand\nnewline")).isTrue();
        assertThat(ParameterConstraints.ROLE_DESCRIPTION.admits("")).isTrue();
        for (String bad : new String[]{"x\uFFFF", "x\uFFFE", "x\u0000", "x\u007F", "x\u0085", "x\uD800", "x\u00A0"}) {
            assertThat(ParameterConstraints.ROLE_DESCRIPTION.admits(bad)).as("%s", bad.codePointAt(1)).isFalse();
        }
        assertThat(ParameterConstraints.ROLE_DESCRIPTION.admits("d".repeat(1_000))).isTrue();
        assertThat(ParameterConstraints.ROLE_DESCRIPTION.admits("d".repeat(1_001))).isFalse();
    }

    @Test
    void aRefusalIsWordedAsAwsWordsItAndEchoesTheValueSafely() {
        assertThatThrownBy(() -> ParameterConstraints.ROLE_DESCRIPTION.require("description", "bad\uFFFF"))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StsErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value 'bad?' at 'description' failed to satisfy "
                            + "constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
                });
        assertThatThrownBy(() -> ParameterConstraints.POLICY_DOCUMENT.requireUnechoed("policyDocument", "{\"a\":\"\u2603\"}"))
                .hasMessage("1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
        ParameterConstraints.POLICY_DOCUMENT.requireUnechoed("policyDocument", "{\"a\":\"é\"}");
    }

    @Test
    void tagsPathsAndStsArnsFollowTheirPatterns() {
        assertThat(ParameterConstraints.TAG_KEY.admits("team:名前 1_.:/=+-@")).isTrue();
        assertThat(ParameterConstraints.TAG_KEY.admits("team\uFFFF")).isFalse();
        assertThat(ParameterConstraints.TAG_KEY.admits("")).isFalse();
        assertThat(ParameterConstraints.TAG_VALUE.admits("")).isTrue();
        assertThat(ParameterConstraints.TAG_VALUE.admits("a<b")).isFalse();
        assertThat(ParameterConstraints.PATH.admits("/engineering/")).isTrue();
        assertThat(ParameterConstraints.PATH.admits("/engineering")).isFalse();
        assertThat(ParameterConstraints.STS_ARN.admits("arn:aws:iam::111122223333:role/\uD83D\uDE00name")).as("above U+FFFF").isTrue();
        assertThat(ParameterConstraints.STS_ARN.admits("arn:aws:iam::111122223333:role/\uFFFFname")).isFalse();
        assertThat(ParameterConstraints.STS_ARN.admits("arn:aws:iam::111122223333:role/\uD800name")).isFalse();
    }
}
