package dev.sts.core.sts;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.Tag;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.ValidationErrors;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * GetWebIdentityToken's parameters, validated with AWS's limits (botocore's model: Audience and SigningAlgorithm
 * required; Audience 1–10 members of 1–1,000 characters; SigningAlgorithm RS256 or ES384; DurationSeconds 60–3,600,
 * default 300; at most 50 Tags), and the rules the action applies to them.
 *
 * @param audiences        the token's {@code aud}, in request order
 * @param signingAlgorithm RS256 or ES384
 * @param durationSeconds  the token's lifetime
 * @param tags             the request tags, keys unique regardless of case
 */
public record GetWebIdentityTokenRequest(List<String> audiences, String signingAlgorithm, int durationSeconds,
                                         List<Tag> tags) {
    public static final int MAX_AUDIENCES = 10;
    public static final int MAX_AUDIENCE_LENGTH = 1_000;
    public static final int MIN_DURATION = 60;
    public static final int MAX_DURATION = 3_600;
    public static final int DEFAULT_DURATION = 300;
    public static final List<String> SIGNING_ALGORITHMS = List.of("RS256", "ES384");
    static final String ESCALATION_MESSAGE = "The requested token duration would extend the session beyond its original"
            + " expiration time. You cannot use this operation to extend the lifetime of a session beyond what was"
            + " granted when the session was originally created.";

    public GetWebIdentityTokenRequest {
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(signingAlgorithm, "signingAlgorithm");
        tags = List.copyOf(tags);
    }

    /**
     * Reads and validates the parameters.
     *
     * @throws StsException ValidationError for a missing, mis-sized or unknown value (every violation at once);
     *                      InvalidParameterValue for duplicate tag keys
     */
    public static GetWebIdentityTokenRequest from(QueryParameters params) {
        ValidationErrors errors = new ValidationErrors();
        List<String> audiences = params.memberList("Audience");
        if (audiences.isEmpty()) {
            errors.missing("audience");
        } else if (audiences.size() > MAX_AUDIENCES) {
            errors.violated("audience", null, "Member must have length less than or equal to " + MAX_AUDIENCES);
        } else {
            for (String audience : audiences) {
                int length = audience.codePointCount(0, audience.length());
                if (length < 1 || length > MAX_AUDIENCE_LENGTH) {
                    errors.violated("audience", null, "Member must satisfy constraint: [Member must have length less than"
                            + " or equal to " + MAX_AUDIENCE_LENGTH + ", Member must have length greater than or equal to 1]");
                    break;
                }
            }
        }
        Optional<String> algorithm = params.optional("SigningAlgorithm");
        if (algorithm.isEmpty()) {
            errors.missing("signingAlgorithm");
        } else if (!SIGNING_ALGORITHMS.contains(algorithm.get())) {
            errors.violated("signingAlgorithm", AssumeRoleRequest.shown(algorithm.get()),
                    "Member must satisfy enum value set: " + SIGNING_ALGORITHMS);
        }
        int duration = params.integer("DurationSeconds", MIN_DURATION, MAX_DURATION, errors).orElse(DEFAULT_DURATION);
        List<Tag> tags = AssumeRoleRequest.tags(params, errors);
        errors.throwIfAny();
        AssumeRoleRequest.requireUniqueKeys(tags);
        return new GetWebIdentityTokenRequest(audiences, algorithm.get(), duration, tags);
    }

    /**
     * The condition keys the action is authorized with: {@code sts:IdentityTokenAudience} (every audience, for
     * {@code ForAllValues:} / {@code ForAnyValue:}), {@code sts:SigningAlgorithm}, {@code sts:DurationSeconds} (the
     * lifetime the token gets, the default included) and, with tags, {@code aws:RequestTag/K} and {@code aws:TagKeys}.
     */
    public Map<String, List<String>> conditionKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Set<String> distinct = new LinkedHashSet<>(audiences);
        keys.put("sts:IdentityTokenAudience", List.copyOf(distinct));
        keys.put("sts:SigningAlgorithm", List.of(signingAlgorithm));
        keys.put("sts:DurationSeconds", List.of(String.valueOf(durationSeconds)));
        keys.putAll(Tag.requestKeys(tags));
        return keys;
    }

    /**
     * A session caller may not get a token that outlives its session.
     *
     * @param sessionExpiresAt when the caller's session ends; empty for long-term credentials
     * @throws StsException SessionDurationEscalationException when {@code now} plus the duration is past it
     */
    public void requireWithinSession(Instant now, Optional<Instant> sessionExpiresAt) {
        requireTokenWithinSession(now.plusSeconds(durationSeconds), sessionExpiresAt);
    }

    /**
     * The rule itself, for whoever sets the token's expiry (token-service before it asks, federation-service as it signs).
     *
     * @throws StsException SessionDurationEscalationException when {@code tokenExpiresAt} is past {@code sessionExpiresAt}
     */
    public static void requireTokenWithinSession(Instant tokenExpiresAt, Optional<Instant> sessionExpiresAt) {
        if (sessionExpiresAt.isPresent() && tokenExpiresAt.isAfter(sessionExpiresAt.get())) {
            throw new StsException(StsErrorCode.SESSION_DURATION_ESCALATION, ESCALATION_MESSAGE);
        }
    }
}
