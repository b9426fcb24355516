package dev.sts.core.sts;

import dev.sts.core.error.StsException;
import dev.sts.core.protocol.QueryParameters;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GetSessionTokenRequestTest {
    @Test
    void defaultsToTwelveHours() {
        assertThat(GetSessionTokenRequest.from(QueryParameters.empty()).lifetimeFor(false)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void acceptsBothEdgesOfTheDurationRange() {
        assertThat(request("DurationSeconds=900").lifetimeFor(false)).isEqualTo(Duration.ofSeconds(900));
        assertThat(request("DurationSeconds=129600").lifetimeFor(false)).isEqualTo(Duration.ofSeconds(129600));
    }

    @Test
    void refusesDurationsOutsideTheRange() {
        assertThatThrownBy(() -> request("DurationSeconds=899")).isInstanceOf(StsException.class);
        assertThatThrownBy(() -> request("DurationSeconds=129601")).isInstanceOf(StsException.class);
    }

    @Test
    void rootSessionsAreCutToOneHourAsAwsDoes() {
        assertThat(GetSessionTokenRequest.from(QueryParameters.empty()).lifetimeFor(true)).isEqualTo(Duration.ofHours(1));
        assertThat(request("DurationSeconds=129600").lifetimeFor(true)).isEqualTo(Duration.ofHours(1));
        assertThat(request("DurationSeconds=900").lifetimeFor(true)).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void validatesMfaParameters() {
        assertThat(request("SerialNumber=arn:aws:iam::111111111111:mfa/alice&TokenCode=123456").presentsMfa()).isTrue();
        assertThatThrownBy(() -> request("TokenCode=12345")).isInstanceOf(StsException.class);
        assertThatThrownBy(() -> request("TokenCode=12345x")).isInstanceOf(StsException.class);
        assertThatThrownBy(() -> request("SerialNumber=short")).isInstanceOf(StsException.class);
    }

    private static GetSessionTokenRequest request(String query) {
        return GetSessionTokenRequest.from(QueryParameters.parse(query));
    }
}
