package dev.sts.core.policy.match;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArnPatternTest {
    @Test
    void matchesComponentByComponent() {
        ArnPattern pattern = ArnPattern.of("arn:aws:someservice:*:111122223333:finance/*");
        assertThat(pattern.matches("arn:aws:someservice:us-east-2:111122223333:finance/doc.txt")).isEqualTo(Tri.YES);
        assertThat(pattern.matches("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"))
                .isEqualTo(Tri.NO);
    }

    @Test
    void theResourceComponentKeepsItsColons() {
        assertThat(ArnPattern.of("arn:aws:logs:*:*:log-group:app:*").matches("arn:aws:logs:us-east-1:1:log-group:app:log-stream:x"))
                .isEqualTo(Tri.YES);
    }

    @Test
    void aRequestValueThatIsNotAnArnIsUnknown() {
        assertThat(ArnPattern.of("arn:aws:sns:*:*:*").matches("topic")).isEqualTo(Tri.UNKNOWN);
    }

    @Test
    void aPolicyValueWithoutSixComponentsMatchesAsAWhole() {
        assertThat(ArnPattern.of("*").matches("anything at all")).isEqualTo(Tri.YES);
        assertThat(ArnPattern.of("arn:aws:*").matches("arn:aws:s3:::bucket")).isEqualTo(Tri.YES);
    }
}
