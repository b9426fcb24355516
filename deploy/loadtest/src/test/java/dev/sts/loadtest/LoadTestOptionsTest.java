package dev.sts.loadtest;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadTestOptionsTest {

    @Test
    void defaultsAreAThirtySecondClosedLoopGetCallerIdentityRunOnTheLocalEndpoint() {
        LoadTestOptions o = LoadTestOptions.parse();
        assertThat(o.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(o.action()).isEqualTo(StsAction.GET_CALLER_IDENTITY);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.warmup()).isZero();
        assertThat(o.concurrency()).isEqualTo(32);
        assertThat(o.openLoop()).isFalse();
        assertThat(o.signing()).isEqualTo(LoadTestOptions.Signing.POOL);
        assertThat(o.profileFile()).isNull();
        assertThat(o.roleArn()).isEqualTo("arn:aws:iam::111111111111:role/LoadTest");
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        LoadTestOptions o = LoadTestOptions.parse("--endpoint", "http://localhost:18080", "--action=assumerole",
                "--duration", "2m", "--warmup=500ms", "--concurrency", "64", "--rate", "4000",
                "--role-arn", "arn:aws:iam::222222222222:role/Other", "--session-duration", "3600",
                "--profile-file", ".sts/aws-credentials", "--profile", "dev-admin", "--region", "eu-west-1",
                "--signing", "each", "--pool-size", "10", "--watch-pid", "token-service=1234", "--watch-pid", "99");
        assertThat(o.endpoint()).isEqualTo(URI.create("http://localhost:18080"));
        assertThat(o.action()).isEqualTo(StsAction.ASSUME_ROLE);
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.concurrency()).isEqualTo(64);
        assertThat(o.rate()).isEqualTo(4000);
        assertThat(o.openLoop()).isTrue();
        assertThat(o.roleArn()).isEqualTo("arn:aws:iam::222222222222:role/Other");
        assertThat(o.sessionDurationSeconds()).isEqualTo(3600);
        assertThat(o.profileFile()).isEqualTo(Path.of(".sts/aws-credentials"));
        assertThat(o.profile()).isEqualTo("dev-admin");
        assertThat(o.region()).isEqualTo("eu-west-1");
        assertThat(o.signing()).isEqualTo(LoadTestOptions.Signing.EACH);
        assertThat(o.poolSize()).isEqualTo(10);
        assertThat(o.watched()).isEqualTo(Map.of("token-service", 1234L, "pid 99", 99L));
    }

    @Test
    void aBareNumberIsSecondsAndAMissingPortIsEighty() {
        assertThat(LoadTestOptions.parse("--duration", "45").duration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(LoadTestOptions.parse("--endpoint", "http://127.0.0.1").endpoint())
                .isEqualTo(URI.create("http://127.0.0.1:80"));
    }

    @Test
    void refusesAnyEndpointOffThisMachine() {
        assertThatThrownBy(() -> LoadTestOptions.parse("--endpoint", "http://sts.amazonaws.com"))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> LoadTestOptions.parse("--endpoint", "http://10.0.0.1:8080"))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> LoadTestOptions.parse("--endpoint", "https://127.0.0.1:8443"))
                .hasMessageContaining("no TLS");
        assertThatThrownBy(() -> LoadTestOptions.parse("--endpoint", "http://127.0.0.1:8080/sts"))
                .hasMessageContaining("no path");
    }

    @Test
    void refusesValuesOutsideTheirBounds() {
        assertThatThrownBy(() -> LoadTestOptions.parse("--duration", "2h")).hasMessageContaining("at most");
        assertThatThrownBy(() -> LoadTestOptions.parse("--duration", "0s")).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> LoadTestOptions.parse("--warmup", "11m")).hasMessageContaining("at most");
        assertThatThrownBy(() -> LoadTestOptions.parse("--concurrency", "0")).hasMessageContaining("1..1024");
        assertThatThrownBy(() -> LoadTestOptions.parse("--concurrency", "5000")).hasMessageContaining("1..1024");
        assertThatThrownBy(() -> LoadTestOptions.parse("--rate", "-1")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> LoadTestOptions.parse("--session-duration", "60")).hasMessageContaining("900");
    }

    @Test
    void refusesMalformedArguments() {
        assertThatThrownBy(() -> LoadTestOptions.parse("--duration", "soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> LoadTestOptions.parse("--concurrency", "many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> LoadTestOptions.parse("--action", "DeleteEverything")).hasMessageContaining("one of");
        assertThatThrownBy(() -> LoadTestOptions.parse("--verbose", "yes")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> LoadTestOptions.parse("--concurrency")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LoadTestOptions.parse("fast")).hasMessageContaining("unexpected argument");
        assertThatThrownBy(() -> LoadTestOptions.parse("--rate", "1", "--rate", "2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> LoadTestOptions.parse("--profile", "dev-admin")).hasMessageContaining("--profile-file");
        assertThatThrownBy(() -> LoadTestOptions.parse("--signing", "later")).hasMessageContaining("pool or each");
        assertThatThrownBy(() -> LoadTestOptions.parse("--watch-pid", "token-service=abc")).hasMessageContaining("process id");
    }

    @Test
    void helpIsRecognised() {
        assertThat(LoadTestOptions.wantsHelp("--help")).isTrue();
        assertThat(LoadTestOptions.wantsHelp("--duration", "5s")).isFalse();
    }

    @Test
    void formBodiesAreWhatTheSdkSends() {
        LoadTestOptions o = LoadTestOptions.parse("--role-arn", "arn:aws:iam::111111111111:role/LoadTest");
        assertThat(StsAction.GET_CALLER_IDENTITY.formBody(o, 3, null)).isEqualTo("Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(StsAction.ASSUME_ROLE.formBody(o, 3, null)).isEqualTo("Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FLoadTest&RoleSessionName=loadtest-3"
                + "&DurationSeconds=900");
    }

    @Test
    void assumeRoleWithWebIdentityTakesItsTokenFromAFileAndIsSentUnsigned() {
        LoadTestOptions o = LoadTestOptions.parse("--action", "AssumeRoleWithWebIdentity", "--web-identity-token-file",
                "/tmp/token.jwt", "--role-arn", "arn:aws:iam::111111111111:role/Pods");

        assertThat(o.action()).isEqualTo(StsAction.ASSUME_ROLE_WITH_WEB_IDENTITY);
        assertThat(o.action().unsigned()).isTrue();
        assertThat(StsAction.ASSUME_ROLE.unsigned()).isFalse();
        assertThat(o.webIdentityTokenFile()).isEqualTo(Path.of("/tmp/token.jwt"));
        assertThat(o.describe()).contains("unsigned").contains("/tmp/token.jwt");
        assertThat(StsAction.ASSUME_ROLE_WITH_WEB_IDENTITY.formBody(o, 7, "aGVhZA.cGF5bG9hZA.c2ln-_"))
                .isEqualTo("Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
                        + "&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FPods&RoleSessionName=loadtest-7"
                        + "&WebIdentityToken=aGVhZA.cGF5bG9hZA.c2ln-_&DurationSeconds=900");
    }

    @Test
    void theTokenFileGoesWithItsActionOnly() {
        assertThatThrownBy(() -> LoadTestOptions.parse("--action", "AssumeRoleWithWebIdentity"))
                .hasMessageContaining("needs --web-identity-token-file");
        assertThatThrownBy(() -> LoadTestOptions.parse("--action", "AssumeRole", "--web-identity-token-file", "t.jwt"))
                .hasMessageContaining("only for --action AssumeRoleWithWebIdentity");
        assertThatThrownBy(() -> LoadTestOptions.parse("--action", "AssumeRoleWithWebIdentity", "--web-identity-token-file",
                "t.jwt", "--profile-file", ".sts/aws-credentials")).hasMessageContaining("not signed");
        // Control: the same action with its file alone is accepted.
        assertThat(LoadTestOptions.parse("--action", "AssumeRoleWithWebIdentity", "--web-identity-token-file", "t.jwt")
                .webIdentityTokenFile()).isEqualTo(Path.of("t.jwt"));
    }
}
