package dev.sts.core.sts;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.protocol.QueryParameters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GetWebIdentityTokenRequestTest {
    private static GetWebIdentityTokenRequest parse(String query) {
        return GetWebIdentityTokenRequest.from(QueryParameters.parse(query));
    }

    private static void assertRefused(String query, StsErrorCode code, String fragment) {
        assertThatThrownBy(() -> parse(query)).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(fragment);
        });
    }

    @Test
    void durationDefaultsToFiveMinutesAndKeysCarryTheRequest() {
        GetWebIdentityTokenRequest request = parse("Audience.member.1=a&Audience.member.2=b&Audience.member.3=a"
                + "&SigningAlgorithm=RS256&Tags.member.1.Key=team&Tags.member.1.Value=data");

        assertThat(request.durationSeconds()).isEqualTo(300);
        assertThat(request.audiences()).containsExactly("a", "b", "a");
        assertThat(request.conditionKeys())
                .containsEntry("sts:IdentityTokenAudience", List.of("a", "b"))
                .containsEntry("sts:SigningAlgorithm", List.of("RS256"))
                .containsEntry("sts:DurationSeconds", List.of("300"))
                .containsEntry("aws:RequestTag/team", List.of("data"))
                .containsEntry("aws:TagKeys", List.of("team"));
    }

    @Test
    void everyBrokenConstraintIsReportedAsAwsWordsIt() {
        assertRefused("SigningAlgorithm=RS256", StsErrorCode.VALIDATION_ERROR, "Value null at 'audience'");
        assertRefused("Audience.member.1=a", StsErrorCode.VALIDATION_ERROR, "Value null at 'signingAlgorithm'");
        assertRefused("Audience.member.1=a&SigningAlgorithm=HS256", StsErrorCode.VALIDATION_ERROR,
                "Value 'HS256' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]");
        assertRefused("Audience.member.1=a&SigningAlgorithm=RS256&DurationSeconds=3601", StsErrorCode.VALIDATION_ERROR,
                "durationSeconds");
        assertRefused("Audience.member.1=a&SigningAlgorithm=rs256&DurationSeconds=59", StsErrorCode.VALIDATION_ERROR,
                "2 validation errors detected");
        assertRefused("Audience.member.1=a&SigningAlgorithm=RS256&Tags.member.1.Key=k&Tags.member.1.Value=1"
                + "&Tags.member.2.Key=K&Tags.member.2.Value=2", StsErrorCode.INVALID_PARAMETER_VALUE, "Duplicate tag keys");
        assertThat(parse("Audience.member.1=a&SigningAlgorithm=ES384&DurationSeconds=3600").durationSeconds())
                .as("control").isEqualTo(3600);
    }

    @Test
    void aSessionCallerMayNotOutliveItsSession() {
        GetWebIdentityTokenRequest request = parse("Audience.member.1=a&SigningAlgorithm=ES384&DurationSeconds=600");
        Instant now = Instant.parse("2026-06-01T00:00:00Z");

        request.requireWithinSession(now, Optional.empty());
        request.requireWithinSession(now, Optional.of(now.plusSeconds(600)));
        assertThatThrownBy(() -> request.requireWithinSession(now, Optional.of(now.plusSeconds(599))))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StsErrorCode.SESSION_DURATION_ESCALATION));
    }
}
