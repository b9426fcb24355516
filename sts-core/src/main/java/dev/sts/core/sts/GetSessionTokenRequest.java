package dev.sts.core.sts;

import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.ValidationErrors;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GetSessionToken's parameters, validated with AWS's limits.
 *
 * @param durationSeconds the requested lifetime, if given (900–129,600)
 * @param serialNumber    the MFA device's serial number or ARN, if given (9–256 characters)
 * @param tokenCode       the six-digit code from that device, if given
 */
public record GetSessionTokenRequest(Optional<Integer> durationSeconds, Optional<String> serialNumber,
                                     Optional<String> tokenCode) {
    public static final int MIN_DURATION = 900;
    public static final int MAX_DURATION = 129_600;
    public static final int DEFAULT_DURATION = 43_200;
    /** An account root's session never outlives one hour; longer requests are cut to it, as AWS does. */
    public static final int MAX_ROOT_DURATION = 3_600;
    private static final Pattern SERIAL_NUMBER = dev.sts.core.protocol.ParameterConstraints.SERIAL_NUMBER.pattern();
    private static final Pattern TOKEN_CODE = dev.sts.core.protocol.ParameterConstraints.TOKEN_CODE.pattern();

    public static GetSessionTokenRequest from(QueryParameters params) {
        ValidationErrors errors = new ValidationErrors();
        Optional<Integer> duration = params.integer("DurationSeconds", MIN_DURATION, MAX_DURATION, errors).stream()
                .boxed().findFirst();
        Optional<String> serial = params.string("SerialNumber", 9, 256, SERIAL_NUMBER, errors);
        Optional<String> code = params.string("TokenCode", 6, 6, TOKEN_CODE, errors);
        errors.throwIfAny();
        return new GetSessionTokenRequest(duration, serial, code);
    }

    /** The lifetime the session gets: the request or the default, capped at one hour for a root. */
    public Duration lifetimeFor(boolean callerIsRoot) {
        int seconds = durationSeconds.orElse(DEFAULT_DURATION);
        if (callerIsRoot) {
            seconds = Math.min(seconds, MAX_ROOT_DURATION);
        }
        return Duration.ofSeconds(seconds);
    }

    public boolean presentsMfa() {
        return serialNumber.isPresent() || tokenCode.isPresent();
    }
}
