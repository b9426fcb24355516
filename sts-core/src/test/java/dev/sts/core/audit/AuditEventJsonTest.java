package dev.sts.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.identity.CallerIdentity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventJsonTest {
    @Test
    void writesACloudTrailShapedRecordWithoutSecrets() throws Exception {
        CallerIdentity alice = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");
        AuditEvent event = new AuditEvent(Instant.parse("2026-11-23T10:00:00.123Z"), "sts.amazonaws.com",
                "GetSessionToken", "us-east-1", "127.0.0.1", "aws-cli/1.45", AuditIdentity.of(alice,
                "AKIAABCDEFGHIJKLMNOP", null, null), Map.of("durationSeconds", "900", "tokenCode", "123456"),
                Map.of("credentials", Map.of("accessKeyId", "ASIA1", "secretAccessKey", "s3cr3t", "sessionToken", "tok",
                        "expiration", "2026-11-23T10:15:00Z"), "list", List.of(Map.of("SessionToken", "tok2"))),
                "req-1", "evt-1", null, null, "111111111111", true);
        String json = AuditEventJson.toJson(event);
        assertThat(json).doesNotContain("s3cr3t", "tok\"", "tok2", "123456");
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.get("eventVersion").asText()).isEqualTo("1.08");
        assertThat(node.get("eventTime").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(node.get("userIdentity").get("type").asText()).isEqualTo("IAMUser");
        assertThat(node.get("userIdentity").get("userName").asText()).isEqualTo("alice");
        assertThat(node.get("requestParameters").get("tokenCode").asText()).isEqualTo(AuditRedaction.HIDDEN);
        assertThat(node.get("responseElements").get("credentials").get("accessKeyId").asText()).isEqualTo("ASIA1");
        assertThat(node.get("requestID").asText()).isEqualTo("req-1");
        assertThat(node.get("eventID").asText()).isEqualTo("evt-1");
        assertThat(node.get("recipientAccountId").asText()).isEqualTo("111111111111");
        assertThat(node.has("errorCode")).isFalse();
        assertThat(event.partitionKey()).isEqualTo("111111111111");
    }

    @Test
    void aWebIdentityCallerIsRecordedAsCloudTrailRecordsItAndItsTokenIsDropped() throws Exception {
        AuditEvent event = new AuditEvent(Instant.parse("2026-12-08T01:00:00Z"), "sts.amazonaws.com",
                "AssumeRoleWithWebIdentity", "us-east-1", "127.0.0.1", "aws-cli/2",
                AuditIdentity.webIdentityUser("issuer.example/realms/ci", "ci-client", "repo:main"),
                Map.of("roleArn", "arn:aws:iam::111111111111:role/Web", "webIdentityToken", "eyJ.secret.sig"), null,
                "r", "e", null, null, "111111111111", true);
        String json = AuditEventJson.toJson(event);
        assertThat(json).doesNotContain("eyJ.secret.sig", "webIdentityToken");
        JsonNode identity = new ObjectMapper().readTree(json).get("userIdentity");
        assertThat(identity.get("type").asText()).isEqualTo("WebIdentityUser");
        assertThat(identity.get("principalId").asText()).isEqualTo("issuer.example/realms/ci:ci-client:repo:main");
        assertThat(identity.get("userName").asText()).isEqualTo("repo:main");
        assertThat(identity.get("identityProvider").asText()).isEqualTo("issuer.example/realms/ci");
        assertThat(identity.has("arn")).isFalse();
        assertThat(identity.has("accessKeyId")).isFalse();
    }

    @Test
    void refusedCallOfAnUnknownCallerStillHasAnIdentityAndError() throws Exception {
        AuditEvent event = new AuditEvent(Instant.now(), "sts.amazonaws.com", "GetCallerIdentity", "us-east-1",
                "127.0.0.1", "x".repeat(5000), AuditIdentity.unknown("AKIAUNKNOWNKEY000000"), null, null, "r", "e",
                "InvalidClientTokenId", "The security token included in the request is invalid.", null, true);
        JsonNode node = new ObjectMapper().readTree(AuditEventJson.toJson(event));
        assertThat(node.get("userIdentity").get("type").asText()).isEqualTo("Unknown");
        assertThat(node.get("userIdentity").get("accessKeyId").asText()).isEqualTo("AKIAUNKNOWNKEY000000");
        assertThat(node.get("errorCode").asText()).isEqualTo("InvalidClientTokenId");
        assertThat(node.get("userAgent").asText()).hasSize(1024);
        assertThat(event.partitionKey()).isEqualTo("unknown");
    }
}
