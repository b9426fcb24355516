package dev.sts.core.mfa;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.core.store.InMemoryMfaFailureCounter;
import dev.sts.core.store.InMemoryUsedCodeStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MfaVerificationTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static final String SERIAL = "arn:aws:iam::111111111111:mfa/alice";
    private static final String BOB_SERIAL = "arn:aws:iam::111111111111:mfa/bob";
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");
    private static final CallerIdentity BOB = CallerIdentity.user("111111111111", "/", "bob", "AIDABOBBOBBOBBOBBOBBO");
    private static final MfaLockout LOCKOUT = new MfaLockout(5, Duration.ofMinutes(15));

    private final MutableClock clock = new MutableClock(NOW);
    private final IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
    private final MfaVerification mfa = new MfaVerification(new IamMfaCodeChecker(iam, clock),
            new InMemoryUsedCodeStore(), new InMemoryMfaFailureCounter(clock), LOCKOUT);
    private final Totp totp = new Totp();

    MfaVerificationTest() {
        iam.createMfaDevice(new VirtualMfaDevice("111111111111", SERIAL, SEED, "alice", NOW, NOW));
        iam.createMfaDevice(new VirtualMfaDevice("111111111111", BOB_SERIAL, SEED, "bob", NOW, NOW));
    }

    private String code() {
        return totp.codeAt(SEED, clock.instant());
    }

    private String wrongCode() {
        String right = code();
        // Neither the code of this step nor of the steps either side, which drift would accept.
        for (int candidate = 0; ; candidate++) {
            String guess = String.format("%06d", candidate);
            long step = Totp.stepOf(clock.instant());
            if (!guess.equals(right) && !guess.equals(totp.codeAtStep(SEED, step - 1))
                    && !guess.equals(totp.codeAtStep(SEED, step + 1))) {
                return guess;
            }
        }
    }

    @Test
    void checkingACodeDoesNotSpendItSpendingDoesOnce() {
        MfaVerification.AcceptedCode first = mfa.check(ALICE, SERIAL, code());
        MfaVerification.AcceptedCode again = mfa.check(ALICE, SERIAL, code());
        mfa.spend(first);
        assertFailed(() -> mfa.spend(again));
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code()));
    }

    @Test
    void verifyChecksAndSpendsAtOnce() {
        assertThatCode(() -> mfa.verify(ALICE, SERIAL, code())).doesNotThrowAnyException();
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code()));
    }

    @Test
    void aWrongCodeAnotherUsersDeviceAndAMissingDeviceFailAlikeWhenSpent() {
        assertFailed(() -> mfa.verify(ALICE, SERIAL, wrongCode()));
        assertFailed(() -> mfa.verify(BOB, SERIAL, code()));
        assertFailed(() -> mfa.verify(ALICE, "arn:aws:iam::111111111111:mfa/nobody", code()));
        assertFailed(() -> mfa.verify(CallerIdentity.root("111111111111"), SERIAL, code()));
    }

    @Test
    void checkingNeverRefusesSoARequestRefusedForAnotherReasonRevealsNothingAboutItsCode() {
        assertThatCode(() -> mfa.check(ALICE, SERIAL, wrongCode())).doesNotThrowAnyException();
        assertThatCode(() -> mfa.check(ALICE, SERIAL, code())).doesNotThrowAnyException();
        assertThatCode(() -> mfa.check(BOB, SERIAL, code())).doesNotThrowAnyException();
        // Checked but never spent: nothing counted, nothing used; the right code still works.
        for (int i = 0; i < 10; i++) {
            mfa.check(ALICE, SERIAL, wrongCode());
        }
        assertThatCode(() -> mfa.verify(ALICE, SERIAL, code())).doesNotThrowAnyException();
    }

    @Test
    void fourWrongCodesThenTheRightOneIsAccepted() {
        for (int i = 0; i < LOCKOUT.maxFailures() - 1; i++) {
            assertFailed(() -> mfa.verify(ALICE, SERIAL, wrongCode()));
        }
        assertThatCode(() -> mfa.verify(ALICE, SERIAL, code())).doesNotThrowAnyException();
    }

    @Test
    void fiveWrongCodesLockTheDeviceEvenForTheRightCodeUntilTheWindowEnds() {
        for (int i = 0; i < LOCKOUT.maxFailures(); i++) {
            assertFailed(() -> mfa.verify(ALICE, SERIAL, wrongCode()));
        }
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code()));
        clock.advance(LOCKOUT.window().minusSeconds(31));
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code()));
        // Bob's device is his own: Alice's failures do not lock it.
        assertThatCode(() -> mfa.verify(BOB, BOB_SERIAL, code())).doesNotThrowAnyException();

        clock.advance(Duration.ofSeconds(31));
        assertThatCode(() -> mfa.verify(ALICE, SERIAL, code())).doesNotThrowAnyException();
    }

    @Test
    void sixtyWrongCodesInABurstThenTheRightOneIsRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> guesses = new ArrayList<>();
            String wrong = wrongCode();
            for (int i = 0; i < 60; i++) {
                guesses.add(() -> {
                    try {
                        mfa.verify(ALICE, SERIAL, wrong);
                        return true;
                    } catch (StsException refused) {
                        return false;
                    }
                });
            }
            for (Future<Boolean> guess : pool.invokeAll(guesses)) {
                assertThat(guess.get()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code()));
    }

    @Test
    void aRightCodeDoesNotCountTowardsTheLockoutButAReplayedOneDoes() {
        for (int i = 0; i < LOCKOUT.maxFailures() - 1; i++) {
            assertFailed(() -> mfa.verify(ALICE, SERIAL, wrongCode()));
        }
        String code = code();
        mfa.verify(ALICE, SERIAL, code);
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code));
        // Four wrong plus one replay: locked, though the next step's code is right.
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        assertFailed(() -> mfa.verify(ALICE, SERIAL, code()));
    }

    @Test
    void aLockedDeviceAnswersExactlyLikeAWrongCode() {
        StsException wrong = refusal(() -> mfa.verify(ALICE, SERIAL, wrongCode()));
        for (int i = 1; i < LOCKOUT.maxFailures(); i++) {
            refusal(() -> mfa.verify(ALICE, SERIAL, wrongCode()));
        }
        StsException locked = refusal(() -> mfa.verify(ALICE, SERIAL, code()));
        assertThat(locked.errorCode()).isEqualTo(wrong.errorCode());
        assertThat(locked.getMessage()).isEqualTo(wrong.getMessage()).doesNotContain(code());
    }

    @Test
    void theLockoutRefusesNonsense() {
        assertThatThrownBy(() -> new MfaLockout(0, Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MfaLockout(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MfaLockout(5, Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new MfaLockout(1, Duration.ofSeconds(1))).doesNotThrowAnyException();
    }

    private static StsException refusal(Runnable call) {
        try {
            call.run();
        } catch (StsException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    private static void assertFailed(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StsErrorCode.ACCESS_DENIED);
            assertThat(e.getMessage()).isEqualTo(MfaVerification.FAILED);
        });
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
