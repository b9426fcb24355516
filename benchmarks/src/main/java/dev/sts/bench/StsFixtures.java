package dev.sts.bench;

import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data the benchmarks share: one fixed instant at which everything is signed and verified, the development
 * account's keys, a two-key token ring, and the form bodies the SDK's STS client sends. All of it is built once,
 * in {@code @Setup}.
 */
final class StsFixtures {
    /** Everything is signed at this instant and verified with a clock fixed at it. */
    static final Instant SIGNED_AT = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);

    static final String PROTOCOL = "http";
    static final String HOST = "127.0.0.1";
    static final int PORT = 8080;
    static final String REGION = "us-east-1";
    static final String SERVICE = "sts";
    static final String USER_AGENT = "aws-sdk-java/2.57.8 ua/2.1 os/Linux#6.1 lang/java#17.0.15 "
            + "md/OpenJDK_64-Bit_Server_VM#17.0.15+6 api/Sts#2.57.8 m/D,N";

    static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/engineering/", "alice", "AIDAJQABLZS4A3QDU576Q");
    static final LongTermCredential ALICE_KEY = new LongTermCredential("AKIAALICE0EXAMPLE001",
            "aliceSecret/K7MDENG/bPxRfiCYEXAMPLEKEY01", true, ALICE);

    static final String GET_CALLER_IDENTITY = "Action=GetCallerIdentity&Version=2011-06-15";
    static final String GET_SESSION_TOKEN = "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=3600";

    /** A scoped-down session policy of about 1 KB, pretty-printed as a policy file on disk usually is. */
    static final String SESSION_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "ReadBuildArtifacts",
                  "Effect": "Allow",
                  "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"],
                  "Resource": [
                    "arn:aws:s3:::payments-build-artifacts",
                    "arn:aws:s3:::payments-build-artifacts/releases/*"
                  ]
                },
                {
                  "Sid": "WriteDeployState",
                  "Effect": "Allow",
                  "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
                  "Resource": "arn:aws:dynamodb:us-east-1:222222222222:table/deploy-state",
                  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["payments-api"]}}
                },
                {
                  "Sid": "DecryptWithReleaseKey",
                  "Effect": "Allow",
                  "Action": "kms:Decrypt",
                  "Resource": "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                  "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}
                },
                {
                  "Sid": "NeverTouchProdSecrets",
                  "Effect": "Deny",
                  "Action": "secretsmanager:*",
                  "Resource": "*"
                }
              ]
            }
            """;

    private StsFixtures() {
    }

    /**
     * AssumeRole with five session tags and {@link #SESSION_POLICY}, form-encoded by the SDK's own
     * {@link SdkHttpUtils#encodeAndFlattenFormData} as its Query-protocol marshaller does.
     */
    static String assumeRoleBody() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("Action", List.of("AssumeRole"));
        form.put("Version", List.of("2011-06-15"));
        form.put("RoleArn", List.of("arn:aws:iam::222222222222:role/deploy/payments-deployer"));
        form.put("RoleSessionName", List.of("ci-build-48213"));
        form.put("DurationSeconds", List.of("3600"));
        String[][] tags = {
                {"Project", "payments-api"}, {"CostCenter", "CC-1042"}, {"Team", "payments platform"},
                {"Environment", "production"}, {"Pipeline", "github.com/example/payments-api@refs/heads/main"}};
        for (int i = 0; i < tags.length; i++) {
            form.put("Tags.member." + (i + 1) + ".Key", List.of(tags[i][0]));
            form.put("Tags.member." + (i + 1) + ".Value", List.of(tags[i][1]));
        }
        form.put("Policy", List.of(SESSION_POLICY));
        return SdkHttpUtils.encodeAndFlattenFormData(form).orElseThrow();
    }

    /** A directory of long-term keys, the source the benchmarks derive signing keys from ({@code SigningKeyDirectory.deriving}). */
    static Map<String, LongTermCredential> longTermKeys() {
        Map<String, LongTermCredential> keys = new HashMap<>();
        keys.put(ALICE_KEY.accessKeyId(), ALICE_KEY);
        for (int i = 0; i < 1000; i++) {
            String id = String.format("AKIAOTHER%011d", i);
            CallerIdentity owner = CallerIdentity.user("111111111111", "/", "user" + i, String.format("AIDAOTHER%012d", i));
            keys.put(id, new LongTermCredential(id, "otherSecret/" + i, true, owner));
        }
        return Map.copyOf(keys);
    }

    /** A ring mid-rotation: the new key seals, the old one still opens. Fixed material, so runs compare. */
    static TokenKeyRing tokenKeyRing() {
        return TokenKeyRing.parse("k2026b:" + key((byte) 0x5b) + ",k2026a:" + key((byte) 0x5a));
    }

    /** Temporary credentials as GetSessionToken issues them: one hour, MFA, sealed by {@code codec}. */
    static SessionIssuer.IssuedSession issueSession(SessionTokenCodec codec) {
        return new SessionIssuer(codec, CLOCK, REGION).issue(new dev.sts.core.auth.AuthenticatedCaller(ALICE, ALICE_KEY.accessKeyId(), java.util.Optional.empty()), Duration.ofHours(1), true);
    }

    private static String key(byte fill) {
        byte[] material = new byte[32];
        Arrays.fill(material, fill);
        return Base64.getEncoder().encodeToString(material);
    }
}
