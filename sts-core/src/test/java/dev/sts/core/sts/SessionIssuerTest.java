package dev.sts.core.sts;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import dev.sts.core.token.SessionLineage;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every session the issuer mints knows its chain back to a long-term principal, and the chain is bounded. */
class SessionIssuerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String ROLE = "arn:aws:iam::111111111111:role/Deploy";
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAALICE000000000001");
    private final SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse("a:" + Base64.getEncoder()
            .encodeToString(new byte[32])));
    private final SessionIssuer issuer = new SessionIssuer(codec, Clock.fixed(NOW, ZoneOffset.UTC), "us-east-1");
    private final AuthenticatedCaller aliceKey = new AuthenticatedCaller(ALICE, "AKIAALICE00000000001", Optional.empty());

    @Test
    void aSessionFromLongTermCredentialsStartsItsChainAtItsRequester() {
        SessionClaims session = issuer.issue(aliceKey, Duration.ofHours(1), false).claims();
        assertThat(session.lineage()).isEqualTo(SessionLineage.origin(ALICE.arn(), "AIDAALICE000000000001"));
        assertThat(codec.open(issuer.issue(aliceKey, Duration.ofHours(1), false).credentials().sessionToken())
                .lineage().originArn()).contains(ALICE.arn());
        CallerIdentity root = CallerIdentity.root("111111111111");
        SessionClaims rootSession = issuer.issue(new AuthenticatedCaller(root, "AKIAROOT000000000001", Optional.empty()),
                Duration.ofHours(1), false).claims();
        assertThat(rootSession.lineage()).isEqualTo(SessionLineage.origin("arn:aws:iam::111111111111:root", "111111111111"));
    }

    @Test
    void aChainedSessionCarriesItsOriginEveryAncestorItsSourceKeyAndItsMfaTime() {
        SessionClaims first = issuer.issue(aliceKey, Duration.ofHours(1), true).claims();
        SessionClaims second = roleSessionFrom(first);
        SessionClaims third = roleSessionFrom(second);
        assertThat(third.lineage().originArn()).contains(ALICE.arn());
        assertThat(third.lineage().ancestors()).extracting(SessionLineage.Ancestor::accessKeyId)
                .containsExactly(first.accessKeyId(), second.accessKeyId());
        assertThat(third.lineage().ancestors().get(0).role()).as("a GetSessionToken session has no role")
                .isEqualTo(SessionLineage.Ancestor.NO_ROLE);
        assertThat(third.lineage().ancestors().get(1).role()).isEqualTo(SessionLineage.roleFingerprint(ROLE));
        assertThat(third.sourceAccessKeyId()).isEqualTo("AKIAALICE00000000001");
        assertThat(third.mfaAuthenticatedAt()).isEqualTo(first.mfaAuthenticatedAt());
    }

    @Test
    void chainingStopsAtTheDepthBoundWithAValidationError() {
        SessionClaims session = issuer.issue(aliceKey, Duration.ofHours(1), false).claims();
        for (int depth = 1; depth <= SessionLineage.MAX_ANCESTORS; depth++) {
            session = roleSessionFrom(session);
            assertThat(session.lineage().ancestors()).hasSize(depth);
        }
        SessionClaims deepest = session;
        assertThatThrownBy(() -> roleSessionFrom(deepest)).isInstanceOf(StsException.class)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.VALIDATION_ERROR);
    }

    private SessionClaims roleSessionFrom(SessionClaims parent) {
        CallerIdentity identity = new CallerIdentity("111111111111", "arn:aws:sts::111111111111:assumed-role/Deploy/s",
                "AROADEPLOY00000000001:s", PrincipalType.ASSUMED_ROLE, "s");
        return issuer.issue(new AuthenticatedCaller(parent.identity(), parent.accessKeyId(), Optional.of(parent)),
                identity, Duration.ofHours(1), false,
                Optional.of(SessionContext.assumedRole(ROLE, "AROADEPLOY00000000001", "s"))).claims();
    }
}
