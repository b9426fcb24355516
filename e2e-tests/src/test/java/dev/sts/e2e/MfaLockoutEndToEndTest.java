package dev.sts.e2e;

import dev.sts.core.mfa.Totp;
import dev.sts.deploy.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.model.StsException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MFA codes cannot be guessed: five wrong codes lock a device for the rest of its window (the right code is then
 * refused like a wrong one, and the refusal is audited without the code), and an AssumeRole refused for another
 * reason answers the same for a right and a wrong code, spending and counting nothing. Through the AWS SDK for
 * Java v2 against the whole platform, with the default lockout (5 failures in 15 minutes).
 */
class MfaLockoutEndToEndTest {
    private static final String MFA_FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
    private static final int MAX_FAILURES = 5;
    private static final Totp TOTP = new Totp();
    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void fiveWrongCodesLockTheDeviceSoEvenTheRightCodeIsRefusedAndAuditedWithoutIt() throws Exception {
        MfaUser control = mfaUser("control");
        MfaUser locked = mfaUser("locked");

        // Positive control, made the same way: four wrong codes, then the right one, is accepted.
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            assertMfaFailed(() -> control.getSessionToken(control.wrongCode()));
        }
        assertThat(control.getSessionToken(control.code()).credentials().accessKeyId()).startsWith("ASIA");

        for (int i = 0; i < MAX_FAILURES; i++) {
            assertMfaFailed(() -> locked.getSessionToken(locked.wrongCode()));
        }
        String rightCode = locked.code();
        StsException refused = assertMfaFailed(() -> locked.getSessionToken(rightCode));
        // Locked for AssumeRole as well: the count is the device's, whatever the action.
        assertMfaFailed(() -> Clients.sts(locked.credentials).assumeRole(r -> r.roleArn(locked.mfaRoleArn)
                .roleSessionName("locked").serialNumber(locked.serialNumber).tokenCode(locked.code())));

        String event = AuditArchive.awaitEvent(platform.config().auditEndpoint(), refused.requestId(), Duration.ofSeconds(30));
        assertThat(event).contains("\"eventName\":\"GetSessionToken\"", "\"errorCode\":\"AccessDenied\"", MFA_FAILED,
                locked.serialNumber, "HIDDEN_DUE_TO_SECURITY_REASONS");
        assertThat(event).doesNotContain("\"" + rightCode + "\"");
    }

    @Test
    void aMissingOrUntrustingRoleAnswersAlikeForRightAndWrongCodesAndSpendsNothing() throws Exception {
        MfaUser user = mfaUser("oracle");
        String missingRole = user.mfaRoleArn + "Missing";
        String code = user.code();

        StsException missingRight = refusal(() -> user.assumeRole(missingRole, code));
        StsException missingWrong = refusal(() -> user.assumeRole(missingRole, user.wrongCode()));
        assertThat(missingWrong.awsErrorDetails().errorCode()).isEqualTo(missingRight.awsErrorDetails().errorCode())
                .isEqualTo("AccessDenied");
        assertThat(missingWrong.awsErrorDetails().errorMessage()).isEqualTo(missingRight.awsErrorDetails().errorMessage())
                .doesNotContain("MultiFactorAuthentication");

        StsException untrustingRight = refusal(() -> user.assumeRole(user.untrustingRoleArn, code));
        StsException untrustingWrong = refusal(() -> user.assumeRole(user.untrustingRoleArn, user.wrongCode()));
        assertThat(untrustingWrong.awsErrorDetails().errorMessage())
                .isEqualTo(untrustingRight.awsErrorDetails().errorMessage())
                .doesNotContain("MultiFactorAuthentication");

        // More wrong codes than the lockout allows, all on refused requests: none of them counted.
        for (int i = 0; i < MAX_FAILURES + 2; i++) {
            refusal(() -> user.assumeRole(missingRole, user.wrongCode()));
        }
        // The code sent with every refused request above was never spent: it still opens the role it is for.
        assertThat(user.assumeRole(user.mfaRoleArn, code).assumedRoleUser().arn()).endsWith("/" + user.name);
        // And the same code a second time is refused as used, now that it was spent.
        assertMfaFailed(() -> user.assumeRole(user.mfaRoleArn, code));
    }

    /** A user with a key, an enabled virtual MFA device, and leave to assume an MFA-gated role and an untrusting one. */
    private static MfaUser mfaUser(String prefix) {
        String name = unique(prefix);
        String role = unique("MfaGated");
        String untrusting = unique("Untrusting");
        String roleArn = "arn:aws:iam::111111111111:role/" + role;
        String untrustingArn = "arn:aws:iam::111111111111:role/" + untrusting;
        Clients.iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust("\"AWS\":\"111111111111\"",
                ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")));
        Clients.iam(DEV_ADMIN).createRole(r -> r.roleName(untrusting).assumeRolePolicyDocument(
                trust("\"AWS\":\"222222222222\"", "")));
        Clients.iam(DEV_ADMIN).createUser(r -> r.userName(name));
        Clients.iam(DEV_ADMIN).putUserPolicy(r -> r.userName(name).policyName("Assume").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":[\"" + roleArn + "\",\"" + untrustingArn + "\",\"" + roleArn + "Missing\"]}]}"));
        AccessKey key = Clients.iam(DEV_ADMIN).createAccessKey(r -> r.userName(name)).accessKey();
        VirtualMFADevice device = Clients.iam(DEV_ADMIN).createVirtualMFADevice(r -> r.virtualMFADeviceName(name))
                .virtualMFADevice();
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        long step = Totp.stepOf(Instant.now());
        Clients.iam(DEV_ADMIN).enableMFADevice(r -> r.userName(name).serialNumber(device.serialNumber())
                .authenticationCode1(TOTP.codeAtStep(seed, step - 1)).authenticationCode2(TOTP.codeAtStep(seed, step)));
        MfaUser user = new MfaUser(name, AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()),
                device.serialNumber(), seed, roleArn, untrustingArn);
        // The new key reaches token-service through policy-service; wait until it signs (no MFA involved).
        Eventually.succeeds(() -> Clients.sts(user.credentials).getCallerIdentity());
        return user;
    }

    private record MfaUser(String name, AwsBasicCredentials credentials, String serialNumber, String seed,
                           String mfaRoleArn, String untrustingRoleArn) {
        String code() {
            return TOTP.codeAt(seed, Instant.now());
        }

        /** A code right for none of the steps around now, which drift would accept. */
        String wrongCode() {
            long step = Totp.stepOf(Instant.now());
            for (int candidate = 0; ; candidate++) {
                String guess = String.format("%06d", candidate);
                boolean right = false;
                for (long s = step - 2; s <= step + 2; s++) {
                    right |= guess.equals(TOTP.codeAtStep(seed, s));
                }
                if (!right) {
                    return guess;
                }
            }
        }

        software.amazon.awssdk.services.sts.model.GetSessionTokenResponse getSessionToken(String tokenCode) {
            return Clients.sts(credentials).getSessionToken(r -> r.durationSeconds(900).serialNumber(serialNumber)
                    .tokenCode(tokenCode));
        }

        software.amazon.awssdk.services.sts.model.AssumeRoleResponse assumeRole(String roleArn, String tokenCode) {
            return Clients.sts(credentials).assumeRole(r -> r.roleArn(roleArn).roleSessionName(name)
                    .serialNumber(serialNumber).tokenCode(tokenCode));
        }
    }

    private static StsException refusal(Runnable call) {
        try {
            call.run();
        } catch (StsException e) {
            return e;
        }
        throw new AssertionError("the call was accepted");
    }

    private static StsException assertMfaFailed(Runnable call) {
        StsException refused = refusal(call);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.awsErrorDetails().errorMessage()).contains(MFA_FAILED);
        return refused;
    }

    private static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{" + principal + "},"
                + "\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }
}
