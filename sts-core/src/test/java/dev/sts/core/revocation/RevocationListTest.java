package dev.sts.core.revocation;

import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationListTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String ROLE = "arn:aws:iam::111111111111:role/Deploy";
    private final RevocationList list = new RevocationList(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void revokesOneSessionByItsKeyIdAndNoOther() {
        list.apply(Revocation.ofSession("ASIAREVOKED000000001", NOW, NOW.plusSeconds(900)));
        assertThat(list.revocationOf(userSession("ASIAREVOKED000000001", NOW.minusSeconds(10)))).isPresent();
        assertThat(list.revocationOf(userSession("ASIAOTHER00000000001", NOW.minusSeconds(10)))).isEmpty();
    }

    @Test
    void revokesRoleSessionsIssuedBeforeTheCutOffOnly() {
        list.apply(Revocation.ofRole(ROLE, NOW));
        assertThat(list.revocationOf(roleSession(NOW.minusSeconds(1)))).isPresent();
        assertThat(list.revocationOf(roleSession(NOW))).isEmpty();
        assertThat(list.revocationOf(userSession("ASIAUSER000000000001", NOW.minusSeconds(1)))).isEmpty();
    }

    @Test
    void revokesEverySessionOfAPrincipal() {
        list.apply(Revocation.ofPrincipal("arn:aws:iam::111111111111:user/alice", NOW));
        assertThat(list.revocationOf(userSession("ASIAUSER000000000001", NOW.minusSeconds(60)))).isPresent();
        assertThat(list.revocationOf(userSession("ASIAUSER000000000002", NOW.plusSeconds(1)))).isEmpty();
    }

    @Test
    void theLaterCutOffWinsAndExpiredRevocationsAreForgotten() {
        list.apply(Revocation.ofRole(ROLE, NOW.minusSeconds(100)));
        list.apply(Revocation.ofRole(ROLE, NOW));
        list.apply(Revocation.ofRole(ROLE, NOW.minusSeconds(200)));
        assertThat(list.revocationOf(roleSession(NOW.minusSeconds(50)))).isPresent();
        list.apply(new Revocation(Revocation.Scope.SESSION, "ASIAOLD0000000000001", NOW.minusSeconds(7200), NOW.minusSeconds(1)));
        assertThat(list.size()).isEqualTo(1);
    }

    @Test
    void survivesItsJsonForm() {
        Revocation revocation = Revocation.ofRole(ROLE, NOW);
        assertThat(Revocation.fromJson(revocation.toJson())).contains(revocation);
        assertThat(Revocation.fromJson("{\"scope\":\"NOPE\"}")).isEmpty();
        assertThat(revocation.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));
    }

    private static SessionClaims userSession(String accessKeyId, Instant issuedAt) {
        return new SessionClaims(accessKeyId, "secret", CallerIdentity.user("111111111111", "/", "alice", "AIDAEXAMPLE0000000001"),
                issuedAt, issuedAt.plusSeconds(3600), false, "us-east-1", "AKIAEXAMPLE000000001");
    }

    private static SessionClaims roleSession(Instant issuedAt) {
        CallerIdentity identity = new CallerIdentity("111111111111", "arn:aws:sts::111111111111:assumed-role/Deploy/ci",
                "AROAEXAMPLE0000000001:ci", PrincipalType.ASSUMED_ROLE, "ci");
        return new SessionClaims("ASIAROLE000000000001", "secret", identity, issuedAt, issuedAt.plusSeconds(3600), false,
                "us-east-1", "AKIAEXAMPLE000000001", Optional.of(SessionContext.assumedRole(ROLE, "AROAEXAMPLE0000000001", "ci")));
    }
}
