package dev.sts.core.mfa;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.store.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class IamMfaCodeCheckerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SERIAL = "arn:aws:iam::111111111111:mfa/alice";
    private static final String UNUSED = "arn:aws:iam::111111111111:mfa/spare";
    private static final String SEED = Totp.newBase32Seed();

    private final IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
    private final IamMfaCodeChecker checker = new IamMfaCodeChecker(iam, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Totp totp = new Totp();

    IamMfaCodeCheckerTest() {
        iam.createMfaDevice(new VirtualMfaDevice("111111111111", SERIAL, SEED, "alice", NOW, NOW));
        iam.createMfaDevice(new VirtualMfaDevice("111111111111", UNUSED, SEED, null, null, NOW));
    }

    @Test
    void answersTheDeviceOwnerAndTheStepOfARightCodeWithinOneStepOfDrift() {
        long step = Totp.stepOf(NOW);
        for (long s = step - 1; s <= step + 1; s++) {
            MfaCodeCheck check = checker.check(SERIAL, totp.codeAtStep(SEED, s)).orElseThrow();
            assertThat(check.account()).isEqualTo("111111111111");
            assertThat(check.userName()).isEqualTo("alice");
            assertThat(check.enabled()).isTrue();
            assertThat(check.step()).hasValue(s);
        }
        assertThat(checker.check(SERIAL, totp.codeAtStep(SEED, step + 2)).orElseThrow().step()).isEmpty();
    }

    @Test
    void aDeviceNotEnabledIsReportedAsSuch() {
        MfaCodeCheck check = checker.check(UNUSED, totp.codeAt(SEED, NOW)).orElseThrow();
        assertThat(check.enabled()).isFalse();
    }

    @Test
    void malformedInputsAndUnknownDevicesFindNothing() {
        assertThat(checker.check(SERIAL, totp.codeAt(SEED, NOW))).as("control").isPresent();
        assertThat(checker.check("arn:aws:iam::111111111111:mfa/bob", totp.codeAt(SEED, NOW))).isEmpty();
        assertThat(checker.check(SERIAL, "12345")).isEmpty();
        assertThat(checker.check(SERIAL, "1234567")).isEmpty();
        assertThat(checker.check(SERIAL, "12345a")).isEmpty();
        assertThat(checker.check("GAHT12345678", totp.codeAt(SEED, NOW))).isEmpty();
        assertThat(checker.check("arn:aws:iam::111111111111:mfa/" + "a".repeat(227), totp.codeAt(SEED, NOW))).isEmpty();
        assertThat(checker.check("arn:aws:iam::111111111111:user/alice", totp.codeAt(SEED, NOW))).isEmpty();
    }

    @Test
    void theAnswerCarriesNoSeed() {
        MfaCodeCheck check = checker.check(SERIAL, totp.codeAt(SEED, NOW)).orElseThrow();
        assertThat(check.toString()).doesNotContain(SEED);
    }
}
