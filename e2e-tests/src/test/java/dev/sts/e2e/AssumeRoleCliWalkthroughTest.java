package dev.sts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.mfa.Totp;
import dev.sts.deploy.Platform;
import dev.sts.deploy.ProjectRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's AssumeRole walkthrough with the real {@code aws} CLI, command for command: cross-account access,
 * an ExternalId, a four-hour session, role chaining, an MFA-gated role and the revocation of a live session,
 * each with the refusals a new user meets and AWS's error codes as the CLI prints them. The policy documents
 * are in {@code e2e-tests/src/test/resources/assume-role-walkthrough/}.
 *
 * <p>Administrators use the generated profiles ({@code --profile dev-admin}, {@code --profile prod-admin}). A new
 * user's calls carry its keys in {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (and
 * {@code AWS_SESSION_TOKEN} for temporary credentials) with {@code AWS_PROFILE=dev-admin} only for the local
 * endpoints: given {@code --profile}, the CLI would sign with that profile's keys and ignore the variables.
 */
class AssumeRoleCliWalkthroughTest {
    private static final String FILES = "file://" + ProjectRoot.find().resolve("e2e-tests/src/test/resources/assume-role-walkthrough");
    private static final String DEPLOY_ROLE = "arn:aws:iam::222222222222:role/CrossAccountDeploy";
    private static final String PARTNER_ROLE = "arn:aws:iam::222222222222:role/PartnerAudit";
    private static final String CHAINED_ROLE = "arn:aws:iam::222222222222:role/ChainedReader";
    private static final String BREAK_GLASS_ROLE = "arn:aws:iam::111111111111:role/BreakGlass";
    private static final String EXTERNAL_ID = "partner-7f3a-4417";
    private static final String CREDENTIALS = "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]";
    private static final Pattern CLI_ERROR = Pattern.compile("An error occurred \\((\\w+)\\) when calling the (\\w+) operation");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Platform platform;
    private static Keys deployer;

    @BeforeAll
    static void aProdRoleAndADevUserAllowedToAssumeIt() throws Exception {
        platform = RunningPlatform.get();
        admin("prod-admin", "iam", "create-role", "--role-name", "CrossAccountDeploy",
                "--assume-role-policy-document", FILES + "/trust-cross-account.json");
        deployer = newUser("deployer", "deployer-assume.json");
    }

    @Test
    void aDevUserAssumesAProdRoleButAUserWithoutAnIdentityPolicyIsRefused() throws Exception {
        // The environment's keys sign the call, not dev-admin's: the caller is the deployer.
        assertThat(arnOf(as(deployer, "sts", "get-caller-identity"))).isEqualTo("arn:aws:iam::111111111111:user/deployer");

        Keys session = Keys.fromText(eventually(() -> as(deployer, "sts", "assume-role", "--role-arn", DEPLOY_ROLE,
                "--role-session-name", "deploy-42", "--query", CREDENTIALS, "--output", "text")));
        assertThat(session.accessKeyId()).startsWith("ASIA");
        JsonNode identity = json(as(session, "sts", "get-caller-identity"));
        assertThat(identity.get("Arn").asText()).isEqualTo("arn:aws:sts::222222222222:assumed-role/CrossAccountDeploy/deploy-42");
        assertThat(identity.get("Account").asText()).isEqualTo("222222222222");

        // The trust policy trusts the whole dev account, but across accounts the caller's own policies must allow it too.
        Keys bystander = newUser("bystander", null);
        ExternalCommand.Result refused = as(bystander, "sts", "assume-role", "--role-arn", DEPLOY_ROLE,
                "--role-session-name", "nope");
        assertRefused(refused, "AssumeRole", "AccessDenied");
        assertThat(refused.output()).contains("arn:aws:iam::111111111111:user/bystander is not authorized to perform: sts:AssumeRole");
    }

    @Test
    void aPartnerRoleTakesOnlyItsExternalId() throws Exception {
        admin("prod-admin", "iam", "create-role", "--role-name", "PartnerAudit",
                "--assume-role-policy-document", FILES + "/trust-external-id.json");

        Keys session = Keys.fromText(eventually(() -> as(deployer, "sts", "assume-role", "--role-arn", PARTNER_ROLE,
                "--role-session-name", "audit", "--external-id", EXTERNAL_ID, "--query", CREDENTIALS, "--output", "text")));
        assertThat(arnOf(as(session, "sts", "get-caller-identity")))
                .isEqualTo("arn:aws:sts::222222222222:assumed-role/PartnerAudit/audit");

        assertRefused(as(deployer, "sts", "assume-role", "--role-arn", PARTNER_ROLE, "--role-session-name", "audit",
                "--external-id", "partner-0000-0000"), "AssumeRole", "AccessDenied");
        assertRefused(as(deployer, "sts", "assume-role", "--role-arn", PARTNER_ROLE, "--role-session-name", "audit"),
                "AssumeRole", "AccessDenied");
    }

    @Test
    void aFourHourSessionNeedsTheRolesMaxSessionDurationRaised() throws Exception {
        String[] fourHours = {"sts", "assume-role", "--role-arn", DEPLOY_ROLE, "--role-session-name", "long-run",
                "--duration-seconds", "14400", "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken,Expiration]",
                "--output", "text"};
        // Refused for its length while the role allows the default hour (AccessDenied: the new user not yet in force).
        ExternalCommand.Result beforeRaise = eventuallyNot("AccessDenied", () -> as(deployer, fourHours));
        assertRefused(beforeRaise, "AssumeRole", "ValidationError");
        assertThat(beforeRaise.output()).contains("exceeds the MaxSessionDuration set for this role");

        admin("prod-admin", "iam", "update-role", "--role-name", "CrossAccountDeploy", "--max-session-duration", "14400");
        assertThat(admin("prod-admin", "iam", "get-role", "--role-name", "CrossAccountDeploy")
                .at("/Role/MaxSessionDuration").asInt()).isEqualTo(14_400);

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String[] fields = eventually(() -> as(deployer, fourHours)).trim().split("\\s+");
        Instant after = Instant.now();
        assertThat(fields).hasSize(4);
        Instant expiration = OffsetDateTime.parse(fields[3]).toInstant();
        assertThat(expiration).isBetween(before.plusSeconds(14_400), after.plusSeconds(14_400));
        Keys session = new Keys(fields[0], fields[1], fields[2]);
        assertThat(arnOf(as(session, "sts", "get-caller-identity")))
                .isEqualTo("arn:aws:sts::222222222222:assumed-role/CrossAccountDeploy/long-run");

        ExternalCommand.Result overMaximum = as(deployer, "sts", "assume-role", "--role-arn", DEPLOY_ROLE,
                "--role-session-name", "long-run", "--duration-seconds", "14401");
        assertRefused(overMaximum, "AssumeRole", "ValidationError");
        assertThat(overMaximum.output()).contains("exceeds the MaxSessionDuration set for this role");
    }

    @Test
    void aRoleSessionMayAssumeAnotherRoleForAtMostAnHour() throws Exception {
        // ChainedReader allows 12-hour sessions, so only the chaining limit can refuse 3601 seconds.
        admin("prod-admin", "iam", "create-role", "--role-name", "ChainedReader", "--max-session-duration", "43200",
                "--assume-role-policy-document", FILES + "/trust-chained.json");
        Keys first = Keys.fromText(eventually(() -> as(deployer, "sts", "assume-role", "--role-arn", DEPLOY_ROLE,
                "--role-session-name", "chain-start", "--query", CREDENTIALS, "--output", "text")));

        Keys chained = Keys.fromText(eventually(() -> as(first, "sts", "assume-role", "--role-arn", CHAINED_ROLE,
                "--role-session-name", "chained", "--duration-seconds", "3600", "--query", CREDENTIALS, "--output", "text")));
        assertThat(arnOf(as(chained, "sts", "get-caller-identity")))
                .isEqualTo("arn:aws:sts::222222222222:assumed-role/ChainedReader/chained");

        ExternalCommand.Result overAnHour = as(first, "sts", "assume-role", "--role-arn", CHAINED_ROLE,
                "--role-session-name", "chained", "--duration-seconds", "3601");
        assertRefused(overAnHour, "AssumeRole", "ValidationError");
        assertThat(overAnHour.output()).contains("1 hour session limit for roles assumed by role chaining");
    }

    @Test
    void anMfaGatedRoleWantsACurrentCodeAndTakesEachCodeOnce(@TempDir Path dir) throws Exception {
        admin("dev-admin", "iam", "create-role", "--role-name", "BreakGlass",
                "--assume-role-policy-document", FILES + "/trust-mfa.json");
        Keys oncall = newUser("oncall", "oncall-assume.json");
        Path seedFile = dir.resolve("oncall-seed.txt");
        JsonNode device = admin("dev-admin", "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "oncall",
                "--outfile", seedFile.toString(), "--bootstrap-method", "Base32StringSeed");
        String serialNumber = device.at("/VirtualMFADevice/SerialNumber").asText();
        assertThat(serialNumber).isEqualTo("arn:aws:iam::111111111111:mfa/oncall");
        String seed = Files.readString(seedFile, StandardCharsets.US_ASCII).trim();
        assertThat(seed).matches("[A-Z2-7]{32}");

        // Two consecutive codes, as an authenticator app shows them: the previous step's and the current one's.
        Totp totp = new Totp();
        long step = Totp.stepOf(Instant.now());
        admin("dev-admin", "iam", "enable-mfa-device", "--user-name", "oncall", "--serial-number", serialNumber,
                "--authentication-code1", totp.codeAtStep(seed, step - 1), "--authentication-code2", totp.codeAtStep(seed, step));
        assertThat(admin("dev-admin", "iam", "list-mfa-devices", "--user-name", "oncall")
                .at("/MFADevices/0/SerialNumber").asText()).isEqualTo(serialNumber);

        assertRefused(as(oncall, "sts", "assume-role", "--role-arn", BREAK_GLASS_ROLE, "--role-session-name", "incident"),
                "AssumeRole", "AccessDenied");

        // No retry around a code: a refused attempt may already have spent it.
        String code = totp.codeAt(seed, Instant.now());
        ExternalCommand.Result assumed = as(oncall, "sts", "assume-role", "--role-arn", BREAK_GLASS_ROLE,
                "--role-session-name", "incident", "--serial-number", serialNumber, "--token-code", code,
                "--query", "AssumedRoleUser.Arn", "--output", "text");
        assertThat(assumed.exitCode()).as(assumed.output()).isZero();
        assertThat(assumed.output().trim()).isEqualTo("arn:aws:sts::111111111111:assumed-role/BreakGlass/incident");

        ExternalCommand.Result replayed = as(oncall, "sts", "assume-role", "--role-arn", BREAK_GLASS_ROLE,
                "--role-session-name", "replay", "--serial-number", serialNumber, "--token-code", code);
        assertRefused(replayed, "AssumeRole", "AccessDenied");
        assertThat(replayed.output()).contains("MultiFactorAuthentication failed with invalid MFA one time pass code");

        // The refusal was the reuse: the next code (one step of clock drift is allowed) is taken.
        String fresh = totp.codeAtStep(seed, Totp.stepOf(Instant.now()) + 1);
        ExternalCommand.Result withFresh = as(oncall, "sts", "assume-role", "--role-arn", BREAK_GLASS_ROLE,
                "--role-session-name", "incident", "--serial-number", serialNumber, "--token-code", fresh,
                "--query", "AssumedRoleUser.Arn", "--output", "text");
        assertThat(withFresh.exitCode()).as(withFresh.output()).isZero();
    }

    @Test
    void aRevokedSessionIsRefusedAndAnotherSessionOfTheSameRoleIsNot() throws Exception {
        Keys revoked = Keys.fromText(eventually(() -> as(deployer, "sts", "assume-role", "--role-arn", DEPLOY_ROLE,
                "--role-session-name", "to-revoke", "--query", CREDENTIALS, "--output", "text")));
        Keys kept = Keys.fromText(eventually(() -> as(deployer, "sts", "assume-role", "--role-arn", DEPLOY_ROLE,
                "--role-session-name", "kept", "--query", CREDENTIALS, "--output", "text")));
        assertThat(arnOf(as(revoked, "sts", "get-caller-identity"))).endsWith("/to-revoke");

        // What `./sts revoke session ASIA…` sends (the test's platform runs on other ports than ./sts knows).
        HttpResponse<String> answer = revokeSession(revoked.accessKeyId());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        ExternalCommand.Result refused = as(revoked, "sts", "get-caller-identity");
        assertRefused(refused, "GetCallerIdentity", "InvalidClientTokenId");
        assertThat(refused.output()).contains("has been revoked");
        assertThat(arnOf(as(kept, "sts", "get-caller-identity")))
                .isEqualTo("arn:aws:sts::222222222222:assumed-role/CrossAccountDeploy/kept");
    }

    /** {@code aws iam create-user}, an inline policy when given, and {@code create-access-key}: the new user's keys. */
    private static Keys newUser(String name, String policyFile) throws Exception {
        admin("dev-admin", "iam", "create-user", "--user-name", name);
        if (policyFile != null) {
            admin("dev-admin", "iam", "put-user-policy", "--user-name", name, "--policy-name", "AssumeRoles",
                    "--policy-document", FILES + "/" + policyFile);
        }
        ExternalCommand.Result key = AwsCli.run(Map.of(), "--profile", "dev-admin", "iam", "create-access-key",
                "--user-name", name, "--query", "AccessKey.[AccessKeyId,SecretAccessKey]", "--output", "text");
        assertThat(key.exitCode()).as(key.output()).isZero();
        return Keys.fromText(key.output());
    }

    private static JsonNode admin(String profile, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--profile", profile));
        command.addAll(List.of(args));
        return AwsCli.json(Map.of(), command.toArray(String[]::new));
    }

    /** {@code aws ARGS} as the holder of {@code keys}: they go in the environment, the endpoints come from AWS_PROFILE. */
    private static ExternalCommand.Result as(Keys keys, String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_PROFILE", "dev-admin");
        env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        if (keys.sessionToken() != null) {
            env.put("AWS_SESSION_TOKEN", keys.sessionToken());
        }
        return AwsCli.run(env, args);
    }

    private static JsonNode json(ExternalCommand.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return JSON.readTree(result.output());
    }

    private static String arnOf(ExternalCommand.Result identity) throws Exception {
        return json(identity).get("Arn").asText();
    }

    /** The CLI failed, and its message names {@code operation} and AWS's error code {@code code}. */
    private static void assertRefused(ExternalCommand.Result result, String operation, String code) {
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        Matcher error = CLI_ERROR.matcher(result.output());
        assertThat(error.find()).as("an AWS error in: %s", result.output()).isTrue();
        assertThat(error.group(2)).isEqualTo(operation);
        assertThat(error.group(1)).as(result.output()).isEqualTo(code);
    }

    interface CliCall {
        ExternalCommand.Result run() throws Exception;
    }

    /**
     * IAM changes reach token-service within moments, as eventually consistent as AWS's IAM: like a script against
     * AWS, retry briefly. Returns the successful call's output; fails the test with the last output otherwise.
     */
    private static String eventually(CliCall call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            ExternalCommand.Result result = call.run();
            if (result.exitCode() == 0 || System.nanoTime() > deadline) {
                assertThat(result.exitCode()).as(result.output()).isZero();
                return result.output();
            }
            Thread.sleep(100);
        }
    }

    /** Retries briefly while the call fails with {@code transientCode} (a change not yet seen); returns the last result. */
    private static ExternalCommand.Result eventuallyNot(String transientCode, CliCall call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            ExternalCommand.Result result = call.run();
            if (!result.output().contains("(" + transientCode + ")") || System.nanoTime() > deadline) {
                return result;
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> revokeSession(String accessKeyId) throws Exception {
        return AdminApi.revoke("{\"accessKeyId\":\"" + accessKeyId + "\"}");
    }

    /** Credentials as the CLI prints them with {@code --output text}; no session token for an IAM user's keys. */
    record Keys(String accessKeyId, String secretAccessKey, String sessionToken) {
        static Keys fromText(String text) {
            String[] fields = text.trim().split("\\s+");
            assertThat(fields).as(text).hasSizeBetween(2, 3);
            return new Keys(fields[0], fields[1], fields.length == 3 ? fields[2] : null);
        }
    }
}
