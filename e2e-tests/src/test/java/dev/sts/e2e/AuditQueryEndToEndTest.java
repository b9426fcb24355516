package dev.sts.e2e;

import dev.sts.deploy.Platform;
import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.testing.KafkaTopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static dev.sts.e2e.Clients.PROD_ADMIN;
import static dev.sts.e2e.Clients.iam;
import static dev.sts.e2e.Clients.sts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit query API ({@code GET /v1/events} on audit-service) as AWS clients call it: signed with SigV4 for
 * {@code cloudtrail} by the AWS SDK's own signer, verified by policy-service, authorized for
 * {@code cloudtrail:LookupEvents}, and answering only the caller's own account. Each refusal has a positive control
 * made the same way.
 */
class AuditQueryEndToEndTest {
    private static final Duration ARCHIVED = Duration.ofSeconds(30);
    private static Platform platform;
    private static String audit;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        audit = platform.config().auditEndpoint();
    }

    @Test
    void anUnsignedQueryIsRefusedAndTheSameQuerySignedIsAnswered() throws Exception {
        String requestId = sts(DEV_ADMIN).getCallerIdentity().responseMetadata().requestId();
        // Positive control: signed by the account's admin, the event is found.
        assertThat(AuditArchive.awaitEvent(audit, DEV_ADMIN, requestId, ARCHIVED)).contains(requestId);

        HttpResponse<String> unsigned = AuditArchive.query(audit, null, "requestId=" + requestId);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"").doesNotContain(requestId);

        HttpResponse<String> badSecret = AuditArchive.query(audit,
                AwsBasicCredentials.create(DEV_ADMIN.accessKeyId(), "not-the-secret"), "requestId=" + requestId);
        assertThat(badSecret.statusCode()).isEqualTo(403);
        assertThat(badSecret.body()).contains("\"__type\":\"InvalidSignatureException\"").doesNotContain(requestId);
    }

    @Test
    void aPrincipalWithoutLookupEventsIsDeniedAndOneWithItIsAnswered() throws Exception {
        String requestId = sts(DEV_ADMIN).getCallerIdentity().responseMetadata().requestId();
        AuditArchive.awaitEvent(audit, DEV_ADMIN, requestId, ARCHIVED);
        AwsCredentials without = user("sts:GetCallerIdentity");
        AwsCredentials with = user("cloudtrail:LookupEvents");

        HttpResponse<String> denied = AuditArchive.query(audit, without, "requestId=" + requestId);
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.body()).contains("\"__type\":\"AccessDeniedException\"", "cloudtrail:LookupEvents")
                .doesNotContain("\"requestID\"");

        HttpResponse<String> allowed = AuditArchive.query(audit, with, "requestId=" + requestId);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"requestID\":\"" + requestId + "\"");
    }

    @Test
    void anAccountNeverSeesAnotherAccountsEventsWhichThatAccountDoes() throws Exception {
        String prodRequest = sts(PROD_ADMIN).getCallerIdentity().responseMetadata().requestId();
        String devRequest = sts(DEV_ADMIN).getCallerIdentity().responseMetadata().requestId();
        // Positive controls: each account's caller sees its own event.
        assertThat(AuditArchive.awaitEvent(audit, PROD_ADMIN, prodRequest, ARCHIVED)).contains(prodRequest);
        assertThat(AuditArchive.awaitEvent(audit, DEV_ADMIN, devRequest, ARCHIVED)).contains(devRequest);

        HttpResponse<String> byRequestId = AuditArchive.query(audit, DEV_ADMIN, "requestId=" + prodRequest);
        assertThat(byRequestId.statusCode()).isEqualTo(200);
        assertThat(byRequestId.body()).doesNotContain(prodRequest, "222222222222");

        HttpResponse<String> byAccount = AuditArchive.query(audit, DEV_ADMIN, "accountId=222222222222&limit=1000");
        assertThat(byAccount.statusCode()).isEqualTo(400);
        assertThat(byAccount.body()).contains("\"__type\":\"AccessDeniedException\"").doesNotContain(prodRequest);

        HttpResponse<String> everything = AuditArchive.query(audit, DEV_ADMIN, "limit=1000");
        assertThat(everything.statusCode()).isEqualTo(200);
        // Every event answered is the caller's account's (other accounts' ARNs may appear inside them, as targets).
        String body = everything.body();
        assertThat(body).contains(devRequest).doesNotContain(prodRequest);
        assertThat(body.split("\"recipientAccountId\":\"", -1).length)
                .isEqualTo(body.split("\"recipientAccountId\":\"111111111111\"", -1).length);
        // Its own account named explicitly is allowed (the control for the refusal above).
        assertThat(AuditArchive.query(audit, DEV_ADMIN, "accountId=111111111111").statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedSessionIsRefused() throws Exception {
        AwsSessionCredentials session = Clients.session(sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900))
                .credentials());
        String requestId = sts(session).getCallerIdentity().responseMetadata().requestId();
        // Positive control: the session, not yet revoked, reads the account's events.
        assertThat(AuditArchive.awaitEvent(audit, session, requestId, ARCHIVED)).contains(requestId);

        HttpResponse<String> revoked = AdminApi.revoke(platform, "{\"accessKeyId\":\"" + session.accessKeyId() + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        // policy-service learns the revocation over Kafka: refused within moments, as the IAM API refuses it.
        HttpResponse<String> refused = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            refused = AuditArchive.query(audit, session, "requestId=" + requestId);
            if (refused.statusCode() != 200) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"__type\":\"UnrecognizedClientException\"", "revoked")
                .doesNotContain("\"requestID\"");
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndArchivingContinuesAcrossARestart() throws Exception {
        String poisonId = UUID.randomUUID().toString();
        String poison = event(poisonId, "+1000000000-01-01T00:00:00Z");
        String before = UUID.randomUUID().toString();
        publish(poison, event(before, Instant.now().toString()));
        var dead = new KafkaTopicReader(platform.kafkaClientSettings(KafkaAccessPolicy.ADMIN), "sts-e2e-").awaitRecord("sts.audit.v1.dlq",
                record -> record.value().contains(poisonId), ARCHIVED);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("eventTime is malformed");
        // Positive control: the valid event behind it is archived and served.
        assertThat(AuditArchive.awaitEvent(audit, DEV_ADMIN, before, ARCHIVED)).contains(before);

        platform.restart("audit-service");
        String after = UUID.randomUUID().toString();
        publish(event(after, Instant.now().toString()));
        assertThat(AuditArchive.awaitEvent(audit, DEV_ADMIN, after, ARCHIVED)).contains(after);
        assertThat(AuditArchive.query(audit, DEV_ADMIN, "requestId=" + poisonId).body()).isEqualTo("[]");
    }

    private static String event(String requestId, String eventTime) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"Unknown\"},\"eventTime\":\"" + eventTime
                + "\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"requestID\":\""
                + requestId + "\",\"eventID\":\"" + UUID.randomUUID() + "\",\"recipientAccountId\":\"111111111111\"}";
    }

    private static void publish(String... values) throws Exception {
        // As token-service, a producer of the audit stream (the broker refuses anyone else).
        Map<String, Object> config = new HashMap<>(platform.kafkaClientSettings(KafkaAccessPolicy.TOKEN_SERVICE));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>("sts.audit.v1", "111111111111", value)).get();
            }
        }
    }

    /** A new user of the dev account whose only policy allows {@code action}, with an access key. */
    private static AwsCredentials user(String action) {
        IamClient admin = iam(DEV_ADMIN);
        String name = "audit-reader-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createUser(r -> r.userName(name));
        admin.putUserPolicy(r -> r.userName(name).policyName("only").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                        + "\",\"Resource\":\"*\"}]}"));
        AccessKey key = admin.createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
}
