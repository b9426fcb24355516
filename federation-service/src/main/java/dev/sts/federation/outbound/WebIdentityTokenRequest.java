package dev.sts.federation.outbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sts.core.error.StsException;
import dev.sts.core.sts.GetWebIdentityTokenRequest;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The body of {@code POST /internal/v1/web-identity-tokens}: what token-service asks to be signed, already authorized
 * there. Checked again here against GetWebIdentityToken's limits, so nothing outside them is ever signed.
 *
 * @param account          the caller's account, whose outbound federation (issuer) signs
 * @param principalArn     the calling principal's ARN (the role's ARN for a role session): {@code sub}
 * @param principalId      the caller's unique id (userId); not a claim, kept for the record
 * @param audiences        the Audience members: {@code aud}
 * @param signingAlgorithm RS256 or ES384
 * @param durationSeconds  the token's lifetime, 60 to 3,600
 * @param tags             the request tags: {@code request_tags}
 * @param sessionExpiresAt when the caller's session ends; null for long-term credentials
 */
public record WebIdentityTokenRequest(String account, String principalArn, String principalId, List<String> audiences,
                                      String signingAlgorithm, int durationSeconds, List<RequestTag> tags,
                                      Instant sessionExpiresAt) {
    // GetWebIdentityToken's limits, from the one place that states them.
    static final int MAX_AUDIENCES = GetWebIdentityTokenRequest.MAX_AUDIENCES;
    static final int MAX_AUDIENCE_CHARS = GetWebIdentityTokenRequest.MAX_AUDIENCE_LENGTH;
    static final int MIN_DURATION = GetWebIdentityTokenRequest.MIN_DURATION;
    static final int MAX_DURATION = GetWebIdentityTokenRequest.MAX_DURATION;
    static final int MAX_TAGS = dev.sts.core.sts.AssumeRoleRequest.MAX_TAGS;
    static final int MAX_ARN_CHARS = 2048;

    /** A request tag, as IAM limits tags (key 1–128, value 0–256 characters). */
    public record RequestTag(@JsonProperty(required = true) String key, @JsonProperty(required = true) String value) {
        public RequestTag {
            if (key == null || key.isEmpty() || key.length() > 128 || value == null || value.length() > 256) {
                throw StsException.validation("A tag's key must have 1 to 128 characters and its value at most 256");
            }
        }
    }

    public WebIdentityTokenRequest {
        if (account == null || !account.matches("[0-9]{12}")) {
            throw StsException.validation("account must be a 12-digit account id");
        }
        if (principalArn == null || !principalArn.startsWith("arn:") || principalArn.length() > MAX_ARN_CHARS) {
            throw StsException.validation("principalArn must be an ARN");
        }
        if (principalId != null && principalId.length() > 256) {
            throw StsException.validation("principalId is too long");
        }
        if (audiences == null || audiences.isEmpty() || audiences.size() > MAX_AUDIENCES
                || audiences.stream().anyMatch(audience -> audience == null || audience.isEmpty()
                || audience.length() > MAX_AUDIENCE_CHARS)) {
            throw StsException.validation("audiences must hold 1 to 10 values of 1 to 1000 characters");
        }
        audiences = List.copyOf(audiences);
        if (SigningAlgorithm.of(signingAlgorithm).isEmpty()) {
            throw StsException.validation("signingAlgorithm must be RS256 or ES384");
        }
        if (durationSeconds < MIN_DURATION || durationSeconds > MAX_DURATION) {
            throw StsException.validation("durationSeconds must be between 60 and 3600");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (tags.size() > MAX_TAGS) {
            throw StsException.validation("at most 50 tags");
        }
        Set<String> keys = new HashSet<>();
        for (RequestTag tag : tags) {
            if (!keys.add(Objects.requireNonNull(tag, "tag").key().toLowerCase(Locale.ROOT))) {
                throw StsException.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    SigningAlgorithm algorithm() {
        return SigningAlgorithm.of(signingAlgorithm).orElseThrow();
    }
}
