package dev.sts.federation.outbound;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.OutboundFederation;
import dev.sts.core.sts.GetWebIdentityTokenRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs GetWebIdentityToken's JWT, with AWS's claims: {@code iss} the account's issuer identifier, {@code sub} the
 * principal's ARN, {@code aud} the audiences (a string for one), {@code iat}, {@code exp}, {@code jti}, and under the
 * {@value #NAMESPACE} claim {@code aws_account}, {@code principal_id} (the principal's ARN, as AWS documents it) and
 * {@code request_tags}. The header carries {@code alg}, {@code kid} and {@code typ: JWT}.
 */
public final class WebIdentityTokenIssuer {
    /** The claim AWS nests its own claims under. */
    public static final String NAMESPACE = "https://sts.amazonaws.com/";
    static final String DISABLED_MESSAGE = "The outbound web identity federation feature is not enabled for this account."
            + " To use this feature, you must first enable it through the AWS Management Console or API.";
    static final String PAYLOAD_MESSAGE = "The requested token payload size exceeds the maximum allowed size. Reduce the"
            + " number of request tags included in the GetWebIdentityToken API call to reduce the token payload size.";

    private final SigningKeyRing keys;
    private final OutboundIssuers issuers;
    private final Clock clock;
    private final int maxPayloadBytes;

    /** A signed token and when it expires. */
    public record IssuedToken(String token, Instant expiration) {
        @Override
        public String toString() {
            return "IssuedToken[expiration=" + expiration + "]";
        }
    }

    public WebIdentityTokenIssuer(SigningKeyRing keys, OutboundIssuers issuers, Clock clock, int maxPayloadBytes) {
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * @throws StsException OutboundWebIdentityFederationDisabledException when the account has not enabled it,
     *                      SessionDurationEscalationException when the token would outlive the caller's session,
     *                      JWTPayloadSizeExceededException when the claims exceed the payload limit
     */
    public IssuedToken issue(WebIdentityTokenRequest request) {
        OutboundFederation federation = issuers.ofAccount(request.account()).orElseThrow(() -> new StsException(
                StsErrorCode.OUTBOUND_WEB_IDENTITY_FEDERATION_DISABLED, DISABLED_MESSAGE));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiration = now.plusSeconds(request.durationSeconds());
        // token-service applies the rule before it asks; applied again where the expiry is set, so it always holds.
        GetWebIdentityTokenRequest.requireTokenWithinSession(expiration, Optional.ofNullable(request.sessionExpiresAt()));
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("aws_account", request.account());
        aws.put("principal_id", request.principalArn());
        if (!request.tags().isEmpty()) {
            Map<String, Object> tags = new LinkedHashMap<>();
            request.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
            aws.put("request_tags", tags);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(federation.issuerIdentifier())
                .subject(request.principalArn())
                .audience(request.audiences())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiration))
                .jwtID(UUID.randomUUID().toString())
                .claim(NAMESPACE, aws)
                .build();
        if (claims.toString().getBytes(StandardCharsets.UTF_8).length > maxPayloadBytes) {
            throw new StsException(StsErrorCode.JWT_PAYLOAD_SIZE_EXCEEDED, PAYLOAD_MESSAGE);
        }
        SigningKeyRing.ActiveKey key = keys.signingKey(request.algorithm());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(request.algorithm().jws()).keyID(key.kid())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(request.algorithm().signer(key.privateJwk()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a web identity token with " + key.kid(), e);
        }
        return new IssuedToken(jwt.serialize(), expiration);
    }
}
