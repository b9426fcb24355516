package dev.sts.token.messaging;

import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.revocation.Revocation;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.token.SessionClaims;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What token-service does with a record from {@code sts.revocations.v1}: one that would weaken a revocation changes nothing. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "token-service"))
class RevocationFeedTest {
    @Inject
    RevocationFeed feed;

    @Inject
    RevocationList revocations;

    @Test
    void aRecordThatWouldShortenOrNarrowARevocationIsIgnored() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String user = "arn:aws:iam::111111111111:user/feed" + UUID.randomUUID().toString().substring(0, 8);
        SessionClaims session = new SessionClaims("ASIA" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16).toUpperCase(), "secret", CallerIdentity.user("111111111111", "/",
                user.substring(user.lastIndexOf('/') + 1), "AIDAFEED000000000001"), now.minusSeconds(60),
                now.plusSeconds(3600), false, "us-east-1", "AKIAFEED000000000001");
        feed.onRevocation(Revocation.ofPrincipal(user, now, now).toJson());
        assertThat(revocations.revocationOf(session)).isPresent();

        // Replayed or forged later: an earlier cut-off that no longer covers the session, and an expiry in a minute.
        feed.onRevocation(new Revocation(Revocation.Scope.PRINCIPAL, user, now.minusSeconds(3600), now.plusSeconds(60))
                .toJson());
        assertThat(revocations.revocationOf(session)).get().satisfies(r -> {
            assertThat(r.issuedBefore()).isEqualTo(now);
            assertThat(r.expiresAt()).isEqualTo(now.plus(Revocation.LONGEST_SESSION));
        });
        // Positive control: a later cut-off is applied.
        feed.onRevocation(Revocation.ofPrincipal(user, now.plus(Duration.ofSeconds(30)), now.plus(Duration.ofSeconds(30))).toJson());
        assertThat(revocations.revocationOf(session)).get().extracting(Revocation::issuedBefore)
                .isEqualTo(now.plusSeconds(30));
    }
}
