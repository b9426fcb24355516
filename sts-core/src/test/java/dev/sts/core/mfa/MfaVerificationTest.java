package dev.sts.core.mfa;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.core.store.InMemoryUsedCodeStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MfaVerificationTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static final String SERIAL = "arn:aws:iam::111111111111:mfa/alice";
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");

    private final IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
    private final MfaVerification mfa = new MfaVerification(iam, new InMemoryUsedCodeStore(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final String code = new Totp().codeAt(SEED, NOW);

    MfaVerificationTest() {
        iam.createMfaDevice(new VirtualMfaDevice("111111111111", SERIAL, SEED, "alice", NOW, NOW));
    }

    @Test
    void checkingACodeDoesNotSpendItSpendingDoesOnce() {
        MfaVerification.AcceptedCode first = mfa.check(ALICE, SERIAL, code);
        MfaVerification.AcceptedCode again = mfa.check(ALICE, SERIAL, code);
        mfa.spend(first);
        assertFailed(() -> mfa.spend(again));
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code));
    }

    @Test
    void verifyChecksAndSpendsAtOnce() {
        assertThatCode(() -> mfa.verify(ALICE, SERIAL, code)).doesNotThrowAnyException();
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code));
    }

    @Test
    void aWrongCodeOrAnotherUsersDeviceFailsTheCheckAlike() {
        assertFailed(() -> mfa.check(ALICE, SERIAL, code.equals("000000") ? "111111" : "000000"));
        assertFailed(() -> mfa.check(CallerIdentity.user("111111111111", "/", "bob", "AIDABOBBOBBOBBOBBOBBO"), SERIAL, code));
        assertFailed(() -> mfa.check(ALICE, "arn:aws:iam::111111111111:mfa/nobody", code));
    }

    private static void assertFailed(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo(StsErrorCode.ACCESS_DENIED);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(MfaVerification.FAILED);
        });
    }
}
