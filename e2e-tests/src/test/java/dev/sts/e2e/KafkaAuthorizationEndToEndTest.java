package dev.sts.e2e;

import dev.sts.core.revocation.Revocation;
import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.deploy.Platform;
import dev.sts.testing.KafkaTopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code sts.revocations.v1} on the running platform (broker as {@code ./sts up} runs it): a client without
 * credentials cannot publish a record that lifts a revocation, and a replayed older revocation record, published
 * by the principal that may write the topic, neither lifts nor shortens a newer revocation (the revocation state
 * is monotonic). Each refusal has a control made the same way.
 */
class KafkaAuthorizationEndToEndTest {
    private static final Duration REFUSAL = Duration.ofSeconds(6);
    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void anUnauthenticatedClientCannotPublishARecordThatLiftsARevocation() throws Exception {
        String role = newRole("ForgedLift");
        AwsSessionCredentials revoked = assume(role, "revoked");
        assertThat(revoke("{\"accessKeyId\":\"" + revoked.accessKeyId() + "\"}").statusCode()).isEqualTo(200);
        assertThat(Eventually.refused(() -> sts(revoked).getCallerIdentity().arn())).isEqualTo("InvalidClientTokenId");

        // What a forger would send: the same key, with a cut-off and expiry long past.
        String lift = new Revocation(Revocation.Scope.SESSION, revoked.accessKeyId(),
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2000-01-01T00:00:01Z")).toJson();
        Map<String, Object> anonymous = Map.of("bootstrap.servers", platform.config().kafkaBootstrapServers());
        assertThatThrownBy(() -> publish(anonymous, "session:" + revoked.accessKeyId(), lift))
                .hasRootCauseInstanceOf(TimeoutException.class);

        // Control, made the same way with token-service's credentials: a fresh revocation of another session is
        // published and takes effect through the feed at both services, so the feed was read past the attempt.
        AwsSessionCredentials sentinel = assume(role, "sentinel");
        assertThat(sts(sentinel).getCallerIdentity().arn()).endsWith("/sentinel");
        publish(tokenService(), "session:" + sentinel.accessKeyId(),
                Revocation.ofSession(sentinel.accessKeyId(), Instant.now(), Instant.now().plusSeconds(3600)).toJson());
        assertThat(Eventually.refused(() -> sts(sentinel).getCallerIdentity().arn())).isEqualTo("InvalidClientTokenId");
        assertThat(Eventually.refused(() -> iam(sentinel).getRole(r -> r.roleName(role)).role().arn()))
                .isEqualTo("InvalidClientTokenId");

        assertThat(Eventually.refused(() -> sts(revoked).getCallerIdentity().arn())).isEqualTo("InvalidClientTokenId");
        assertThat(Eventually.refused(() -> iam(revoked).getRole(r -> r.roleName(role)).role().arn()))
                .isEqualTo("InvalidClientTokenId");
    }

    @Test
    void aReplayedOlderRevocationDoesNotLiftOrShortenANewerOne() throws Exception {
        String role = newRole("Replayed");
        String roleArn = "arn:aws:iam::111111111111:role/" + role;
        Instant oldCutOff = Instant.now().minusSeconds(5);
        Thread.sleep(1100);
        AwsSessionCredentials session = assume(role, "replayed");

        // The older revocation: only sessions issued before oldCutOff, so this session still works.
        assertThat(revoke("{\"roleArn\":\"" + roleArn + "\",\"issuedBefore\":\"" + oldCutOff + "\"}").statusCode())
                .isEqualTo(200);
        String older = adminReader().awaitRecord(KafkaAccessPolicy.REVOCATIONS,
                record -> record.value().contains(roleArn) && record.value().contains(oldCutOff.toString()),
                Duration.ofSeconds(30)).value();
        assertThat(sts(session).getCallerIdentity().arn()).endsWith("/replayed");

        // The newer revocation covers it.
        assertThat(revoke("{\"roleArn\":\"" + roleArn + "\"}").statusCode()).isEqualTo(200);
        assertThat(Eventually.refused(() -> sts(session).getCallerIdentity().arn())).isEqualTo("InvalidClientTokenId");
        assertThat(Eventually.refused(() -> iam(session).getRole(r -> r.roleName(role)).role().arn()))
                .isEqualTo("InvalidClientTokenId");
        Thread.sleep(1100);
        AwsSessionCredentials notRevoked = assume(role, "afterwards");

        // The replay, by the principal that may write the topic, then a sentinel behind it on the same partition:
        // once the sentinel is in force at both services, both have applied the replay.
        publish(tokenService(), "role:" + roleArn, older);
        AwsSessionCredentials sentinel = assume(role, "sentinel");
        publish(tokenService(), "session:" + sentinel.accessKeyId(),
                Revocation.ofSession(sentinel.accessKeyId(), Instant.now(), Instant.now().plusSeconds(3600)).toJson());
        assertThat(Eventually.refused(() -> sts(sentinel).getCallerIdentity().arn())).isEqualTo("InvalidClientTokenId");
        assertThat(Eventually.refused(() -> iam(sentinel).getRole(r -> r.roleName(role)).role().arn()))
                .isEqualTo("InvalidClientTokenId");

        assertThat(Eventually.refused(() -> sts(session).getCallerIdentity().arn())).isEqualTo("InvalidClientTokenId");
        assertThat(Eventually.refused(() -> iam(session).getRole(r -> r.roleName(role)).role().arn()))
                .isEqualTo("InvalidClientTokenId");
        // Control: a session the revocation does not cover still works at both.
        assertThat(sts(notRevoked).getCallerIdentity().arn()).endsWith("/afterwards");
        assertThat(iam(notRevoked).getRole(r -> r.roleName(role)).role().roleName()).isEqualTo(role);
    }

    private static String newRole(String prefix) {
        String role = prefix + UUID.randomUUID().toString().substring(0, 6);
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\"}]}"));
        iam(DEV_ADMIN).attachRolePolicy(r -> r.roleName(role).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        return role;
    }

    private static AwsSessionCredentials assume(String role, String sessionName) {
        AwsSessionCredentials session = Eventually.succeeds(() -> Clients.session(sts(DEV_ADMIN).assumeRole(r -> r
                .roleArn("arn:aws:iam::111111111111:role/" + role).roleSessionName(sessionName)).credentials()));
        assertThat(Eventually.succeeds(() -> iam(session).getRole(r -> r.roleName(role)).role().roleName())).isEqualTo(role);
        return session;
    }

    private static Map<String, Object> tokenService() {
        return new HashMap<>(platform.kafkaClientSettings(KafkaAccessPolicy.TOKEN_SERVICE));
    }

    private static KafkaTopicReader adminReader() {
        return new KafkaTopicReader(platform.kafkaClientSettings(KafkaAccessPolicy.ADMIN), "sts-e2e-");
    }

    /** One record, waiting for the broker's acknowledgement; throws what the client reports. */
    private static void publish(Map<String, Object> settings, String key, String value) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("max.block.ms", (int) REFUSAL.toMillis());
        config.put("delivery.timeout.ms", (int) REFUSAL.toMillis());
        config.put("request.timeout.ms", (int) REFUSAL.toMillis() - 1000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(KafkaAccessPolicy.REVOCATIONS, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    private static HttpResponse<String> revoke(String json) throws Exception {
        return AdminApi.revoke(platform, json);
    }

    private static StsClient sts(AwsCredentials credentials) {
        return Clients.sts(credentials);
    }

    private static IamClient iam(AwsCredentials credentials) {
        return Clients.iam(credentials);
    }
}
