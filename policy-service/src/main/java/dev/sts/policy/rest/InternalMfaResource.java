package dev.sts.policy.rest;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.mfa.IamMfaCodeChecker;
import dev.sts.core.mfa.MfaCodeCheck;
import dev.sts.core.mfa.MfaLockout;
import dev.sts.core.port.MfaFailureCounter;
import dev.sts.core.store.InMemoryMfaFailureCounter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * MFA code checks for token-service, which never reads a TOTP seed: the device a serial number names, the user it
 * is enabled for, and the time step the code is right for, or none. token-service's
 * {@link dev.sts.core.mfa.MfaVerification} keeps the lockout and the used codes, and judges; this only keeps a
 * looser backstop of its own ({@link #BACKSTOP}). The code travels in
 * the body, never in a URL. Only key-resolution credentials reach it ({@link ServiceCredentialRoutes}).
 */
@Path("/internal/v1/mfa-code-checks")
public class InternalMfaResource {
    /**
     * A backstop behind token-service's lockout ({@code sts.mfa.*}, 5 wrong codes in 15 minutes by default): at most
     * this many checks per device that did not prove right, per policy-service instance, so that a leaked
     * key-resolution credential is no fast oracle for codes. Looser than token-service's, so a code token-service
     * would accept is never refused here; once past it, every check answers "no matching step".
     */
    public static final MfaLockout BACKSTOP = new MfaLockout(20, Duration.ofMinutes(15));

    private final IamMfaCodeChecker checker;
    private final MfaFailureCounter attempts;

    InternalMfaResource(IamRepository iam, Clock clock) {
        this.checker = new IamMfaCodeChecker(iam, clock);
        this.attempts = new InMemoryMfaFailureCounter(clock);
    }

    /**
     * @return 200 with a {@link CheckView}; 400 unless the serial number is a virtual device's ARN of at most 256
     *         characters and the code six digits; 404 when there is no such device
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(CheckRequest request) {
        if (request == null || !MfaCodeCheck.wellFormed(request.serialNumber(), request.tokenCode())) {
            return InternalAccessKeyResource.refused("serialNumber must be a virtual MFA device ARN and tokenCode six digits");
        }
        long counted = attempts.countAttempt(request.serialNumber(), BACKSTOP.window());
        return checker.check(request.serialNumber(), request.tokenCode())
                .map(check -> {
                    if (counted > BACKSTOP.maxFailures()) {
                        // Locked here: answered as a code that is not right, which token-service refuses like any other.
                        check = new MfaCodeCheck(check.account(), check.serialNumber(), check.userName(), OptionalLong.empty());
                    } else if (check.step().isPresent()) {
                        attempts.forgive(request.serialNumber());
                    }
                    return Response.ok(CheckView.of(check)).build();
                })
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    /** What token-service asks: a serial number and a code. */
    public record CheckRequest(String serialNumber, String tokenCode) {
        @Override
        public String toString() {
            return "CheckRequest[serialNumber=" + serialNumber + "]";
        }
    }

    /**
     * The wire form of a {@link MfaCodeCheck}.
     *
     * @param userName the user the device is enabled for, or null
     * @param step     the time step the code is right for, or null for none
     */
    public record CheckView(String account, String serialNumber, String userName, boolean enabled, Long step) {
        static CheckView of(MfaCodeCheck check) {
            return new CheckView(check.account(), check.serialNumber(), check.userName(), check.enabled(),
                    check.step().isPresent() ? check.step().getAsLong() : null);
        }
    }
}
