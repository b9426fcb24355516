package dev.sts.core.revocation;

import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import dev.sts.core.token.SessionLineage;
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
        list.apply(Revocation.ofRole(ROLE, NOW, NOW));
        assertThat(list.revocationOf(roleSession(NOW.minusSeconds(1)))).isPresent();
        assertThat(list.revocationOf(roleSession(NOW))).isEmpty();
        assertThat(list.revocationOf(userSession("ASIAUSER000000000001", NOW.minusSeconds(1)))).isEmpty();
    }

    @Test
    void revokesEverySessionOfAPrincipal() {
        list.apply(Revocation.ofPrincipal("arn:aws:iam::111111111111:user/alice", NOW, NOW));
        assertThat(list.revocationOf(userSession("ASIAUSER000000000001", NOW.minusSeconds(60)))).isPresent();
        assertThat(list.revocationOf(userSession("ASIAUSER000000000002", NOW.plusSeconds(1)))).isEmpty();
    }

    @Test
    void theLaterCutOffWinsAndExpiredRevocationsAreForgotten() {
        list.apply(Revocation.ofRole(ROLE, NOW.minusSeconds(100), NOW.minusSeconds(100)));
        list.apply(Revocation.ofRole(ROLE, NOW, NOW));
        list.apply(Revocation.ofRole(ROLE, NOW.minusSeconds(200), NOW.minusSeconds(200)));
        assertThat(list.revocationOf(roleSession(NOW.minusSeconds(50)))).isPresent();
        list.apply(new Revocation(Revocation.Scope.SESSION, "ASIAOLD0000000000001", NOW.minusSeconds(7200), NOW.minusSeconds(1)));
        assertThat(list.size()).isEqualTo(1);
    }

    @Test
    void revokingASessionRefusesEverySessionDerivedFromItAtAnyDepthButNotItsSiblings() {
        SessionClaims s1 = roleSession(NOW.minusSeconds(300));
        SessionClaims s2 = chainedFrom(s1, "ASIACHAINED000000002", NOW.minusSeconds(200));
        SessionClaims s3 = chainedFrom(s2, "ASIACHAINED000000003", NOW.minusSeconds(100));
        SessionClaims sibling = chainedFrom(roleSession("ASIASIBLING000000001", NOW.minusSeconds(300)),
                "ASIASIBLING000000002", NOW.minusSeconds(200));
        list.apply(Revocation.ofSession(s1.accessKeyId(), NOW, s1.expiresAt()));
        assertThat(list.revocationOf(s1)).isPresent();
        assertThat(list.revocationOf(s2)).isPresent();
        assertThat(list.revocationOf(s3)).isPresent();
        // Derived after the revocation (a replica that had not heard of it yet): still refused.
        assertThat(list.revocationOf(chainedFrom(s2, "ASIALATER00000000001", NOW.plusSeconds(10)))).isPresent();
        assertThat(list.revocationOf(sibling)).as("a sibling of the same role not derived from S1").isEmpty();
    }

    @Test
    void revokingAPrincipalReachesEverySessionWhoseChainStartsThereIssuedBeforeTheCutOff() {
        SessionClaims getSessionToken = userSession("ASIAUSER000000000001", NOW.minusSeconds(60));
        SessionClaims federated = federatedSession("ASIAFED0000000000001", NOW.minusSeconds(60));
        SessionClaims role = roleSession(NOW.minusSeconds(60));
        SessionClaims chained = chainedFrom(role, "ASIACHAINED000000002", NOW.minusSeconds(30));
        SessionClaims fromSessionToken = chainedFrom(getSessionToken, "ASIACHAINED000000003", NOW.minusSeconds(30));
        SessionClaims roleAfter = roleSession("ASIAAFTER00000000001", NOW.plusSeconds(1));
        SessionClaims userAfter = userSession("ASIAAFTER00000000002", NOW.plusSeconds(1));
        list.apply(Revocation.ofPrincipal(ALICE.arn(), NOW, NOW));
        for (SessionClaims before : new SessionClaims[]{getSessionToken, federated, role, chained, fromSessionToken}) {
            assertThat(list.revocationOf(before)).as(before.toString()).isPresent();
        }
        // A chain that started before the cut-off stays revoked even where a link was minted after it.
        assertThat(list.revocationOf(chainedFrom(role, "ASIALATER00000000001", NOW.plusSeconds(5)))).isPresent();
        assertThat(list.revocationOf(roleAfter)).isEmpty();
        assertThat(list.revocationOf(userAfter)).isEmpty();
        assertThat(list.revocationOf(chainedFrom(roleAfter, "ASIAAFTER00000000003", NOW.plusSeconds(2)))).isEmpty();
        assertThat(list.revocationOf(bobSession(NOW.minusSeconds(60)))).as("another principal's session").isEmpty();
    }

    @Test
    void aRevocationWithAPastCutOffLastsAsLongAsTheSessionsChainedFromBeforeIt() {
        // Revoked now, with a cut-off 30 h ago: a 31 h old GetSessionToken session (36 h at most) may have minted
        // a role session a moment ago, which lasts up to 12 h; the revocation must outlive it.
        Instant cutOff = NOW.minus(Duration.ofHours(30));
        Revocation principal = Revocation.ofPrincipal(ALICE.arn(), cutOff, NOW);
        assertThat(principal.expiresAt()).isEqualTo(NOW.plus(Revocation.LONGEST_ROLE_SESSION));
        assertThat(Revocation.ofRole(ROLE, cutOff, NOW).expiresAt()).isEqualTo(NOW.plus(Revocation.LONGEST_ROLE_SESSION));
        SessionClaims chainedNow = chainedFrom(userSession("ASIAOLD0000000000001", cutOff.minusSeconds(3600)),
                "ASIACHAINED000000001", NOW);
        SessionClaims laterChain = chainedFrom(userSession("ASIANEW0000000000001", cutOff.plusSeconds(60)),
                "ASIACHAINED000000002", NOW);

        RevocationList elevenHoursLater = new RevocationList(Clock.fixed(NOW.plus(Duration.ofHours(11)), ZoneOffset.UTC));
        assertThat(elevenHoursLater.apply(principal)).isTrue();
        assertThat(elevenHoursLater.revocationOf(chainedNow)).isPresent();
        assertThat(elevenHoursLater.revocationOf(laterChain)).as("positive control: a chain started after the cut-off")
                .isEmpty();
    }

    @Test
    void revokingARoleReachesSessionsChainedFromItsSessionsIntoOtherRoles() {
        SessionClaims deploy = roleSession(NOW.minusSeconds(60));
        SessionClaims intoOther = chainedInto(deploy, OTHER_ROLE, "ASIACHAINED000000002", NOW.minusSeconds(30));
        SessionClaims deeper = chainedInto(intoOther, OTHER_ROLE, "ASIACHAINED000000003", NOW.minusSeconds(20));
        SessionClaims otherDirect = chainedInto(userSession("ASIAUSER000000000001", NOW.minusSeconds(60)), OTHER_ROLE,
                "ASIAOTHER00000000001", NOW.minusSeconds(30));
        SessionClaims deployAfter = roleSession("ASIAAFTER00000000001", NOW.plusSeconds(1));
        list.apply(Revocation.ofRole(ROLE, NOW, NOW));
        assertThat(list.revocationOf(deploy)).isPresent();
        assertThat(list.revocationOf(intoOther)).isPresent();
        assertThat(list.revocationOf(deeper)).isPresent();
        assertThat(list.revocationOf(otherDirect)).as("the other role's session not chained from Deploy").isEmpty();
        assertThat(list.revocationOf(chainedInto(deployAfter, OTHER_ROLE, "ASIAAFTER00000000002", NOW.plusSeconds(2))))
                .as("chained from a Deploy session issued after the cut-off").isEmpty();
    }

    @Test
    void aSessionRevocationWithAnEarlierExpiryDoesNotShortenTheOneInForce() {
        Clock[] clock = {Clock.fixed(NOW, ZoneOffset.UTC)};
        RevocationList moving = new RevocationList(new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return clock[0].instant(); }
        });
        SessionClaims session = userSession("ASIAREVOKED000000001", NOW.minusSeconds(10));
        moving.apply(new Revocation(Revocation.Scope.SESSION, session.accessKeyId(), NOW, NOW.plusSeconds(7200)));
        // Later cut-off, earlier expiry: before, this replaced the record and the revocation ended at +900 s.
        moving.apply(new Revocation(Revocation.Scope.SESSION, session.accessKeyId(), NOW.plusSeconds(5), NOW.plusSeconds(900)));
        clock[0] = Clock.fixed(NOW.plusSeconds(1000), ZoneOffset.UTC);
        assertThat(moving.revocationOf(session)).get().extracting(Revocation::expiresAt).isEqualTo(NOW.plusSeconds(7200));
        clock[0] = Clock.fixed(NOW.plusSeconds(7200), ZoneOffset.UTC);
        assertThat(moving.revocationOf(session)).as("positive control: it does end at its own expiry").isEmpty();
    }

    @Test
    void anEarlierCutOffArrivingLaterNeitherNarrowsNorShortensARevocation() {
        assertThat(list.apply(Revocation.ofPrincipal(ALICE.arn(), NOW, NOW))).isTrue();
        assertThat(list.apply(new Revocation(Revocation.Scope.PRINCIPAL, ALICE.arn(), NOW.minusSeconds(3600),
                NOW.plusSeconds(60)))).as("a weaker record is ignored").isFalse();
        assertThat(list.revocationOf(userSession("ASIAUSER000000000001", NOW.minusSeconds(60)))).get()
                .satisfies(r -> {
                    assertThat(r.issuedBefore()).isEqualTo(NOW);
                    assertThat(r.expiresAt()).isEqualTo(NOW.plus(Revocation.LONGEST_SESSION));
                });
        Revocation weaker = new Revocation(Revocation.Scope.ROLE, ROLE, NOW.minusSeconds(10), NOW.plusSeconds(10));
        Revocation stronger = Revocation.ofRole(ROLE, NOW, NOW);
        assertThat(Revocation.strongest(weaker, stronger)).isEqualTo(stronger);
        assertThat(Revocation.strongest(stronger, weaker)).isEqualTo(stronger);
        Revocation mixed = new Revocation(Revocation.Scope.ROLE, ROLE, NOW.plusSeconds(10), NOW.plusSeconds(20));
        assertThat(Revocation.strongest(mixed, stronger))
                .isEqualTo(new Revocation(Revocation.Scope.ROLE, ROLE, NOW.plusSeconds(10), stronger.expiresAt()));
        assertThat(stronger.covers(weaker)).isTrue();
        assertThat(weaker.covers(stronger)).isFalse();
    }

    @Test
    void aSessionRevocationOutlivesTheDescendantsTheSessionCouldHaveMinted() {
        Revocation revocation = Revocation.ofSession("ASIASHORT00000000001", NOW, NOW.plusSeconds(60));
        assertThat(revocation.expiresAt()).isEqualTo(NOW.plus(Revocation.LONGEST_ROLE_SESSION));
        Revocation longLived = Revocation.ofSession("ASIALONG000000000001", NOW, NOW.plus(Duration.ofHours(30)));
        assertThat(longLived.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(30)));
    }

    @Test
    void survivesItsJsonForm() {
        Revocation revocation = Revocation.ofRole(ROLE, NOW, NOW);
        assertThat(Revocation.fromJson(revocation.toJson())).contains(revocation);
        assertThat(Revocation.fromJson("{\"scope\":\"NOPE\"}")).isEmpty();
        assertThat(revocation.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));
    }

    @Test
    void revokingAProviderReachesEverySessionIssuedThroughItAndEveryChainFromOne() {
        SessionClaims main = webIdentitySession(PROVIDER, "repo:main", "ASIAWEB0000000000001", NOW.minusSeconds(60));
        SessionClaims fork = webIdentitySession(PROVIDER, "repo:fork", "ASIAWEB0000000000002", NOW.minusSeconds(60));
        SessionClaims chained = chainedInto(main, OTHER_ROLE, "ASIACHAINED000000001", NOW.minusSeconds(30));
        SessionClaims otherProvider = webIdentitySession(OTHER_PROVIDER, "repo:main", "ASIAWEB0000000000003",
                NOW.minusSeconds(60));
        SessionClaims after = webIdentitySession(PROVIDER, "repo:main", "ASIAWEB0000000000004", NOW.plusSeconds(1));
        // Positive control: nothing is refused before the revocation.
        assertThat(list.revocationOf(main)).isEmpty();
        list.apply(Revocation.ofPrincipal(PROVIDER, NOW, NOW));
        assertThat(list.revocationOf(main)).isPresent();
        assertThat(list.revocationOf(fork)).isPresent();
        assertThat(list.revocationOf(chained)).as("chained from a revoked provider's session").isPresent();
        assertThat(list.revocationOf(otherProvider)).isEmpty();
        assertThat(list.revocationOf(after)).isEmpty();
        assertThat(list.revocationOf(roleSession(NOW.minusSeconds(60)))).isEmpty();
    }

    @Test
    void revokingOneSubjectReachesItsSessionsAndTheirChainsOnly() {
        String subject = "repo:org/app#ref:main";
        SessionClaims revoked = webIdentitySession(PROVIDER, subject, "ASIAWEB0000000000001", NOW.minusSeconds(60));
        SessionClaims chained = chainedInto(revoked, OTHER_ROLE, "ASIACHAINED000000001", NOW.minusSeconds(30));
        SessionClaims otherSubject = webIdentitySession(PROVIDER, "repo:org/app", "ASIAWEB0000000000002", NOW.minusSeconds(60));
        SessionClaims sameSubjectOtherProvider = webIdentitySession(OTHER_PROVIDER, subject, "ASIAWEB0000000000003",
                NOW.minusSeconds(60));
        SessionClaims after = webIdentitySession(PROVIDER, subject, "ASIAWEB0000000000004", NOW.plusSeconds(1));
        assertThat(list.revocationOf(revoked)).isEmpty();
        list.apply(Revocation.ofPrincipal(SessionLineage.subjectTarget(PROVIDER, subject), NOW, NOW));
        assertThat(list.revocationOf(revoked)).isPresent();
        assertThat(list.revocationOf(chained)).isPresent();
        assertThat(list.revocationOf(otherSubject)).isEmpty();
        assertThat(list.revocationOf(sameSubjectOtherProvider)).isEmpty();
        assertThat(list.revocationOf(after)).isEmpty();
        assertThat(list.revocationOf(userSession("ASIAUSER000000000001", NOW.minusSeconds(60)))).isEmpty();
        assertThat(list.size()).isEqualTo(1);
    }

    @Test
    void aSubjectTargetIsRecognisedOnlyAfterAnIdentityProvidersArn() {
        assertThat(SessionLineage.isSubjectTarget(SessionLineage.subjectTarget(PROVIDER, "a#b"))).isTrue();
        assertThat(SessionLineage.isSubjectTarget("arn:aws:iam::111111111111:user/alice#x")).isFalse();
        assertThat(SessionLineage.isSubjectTarget(PROVIDER)).isFalse();
    }

    private static final String PROVIDER = "arn:aws:iam::111111111111:oidc-provider/issuer.example/realms/ci";
    private static final String OTHER_PROVIDER = "arn:aws:iam::111111111111:oidc-provider/other.example";

    /** A role session issued by AssumeRoleWithWebIdentity: its chain starts at the provider and the subject. */
    private static SessionClaims webIdentitySession(String providerArn, String subject, String accessKeyId, Instant issuedAt) {
        CallerIdentity identity = new CallerIdentity("111111111111", "arn:aws:sts::111111111111:assumed-role/Deploy/ci",
                "AROAEXAMPLE0000000001:ci", PrincipalType.ASSUMED_ROLE, "ci");
        return new SessionClaims(accessKeyId, "secret", identity, issuedAt, issuedAt.plusSeconds(3600),
                Optional.empty(), "us-east-1", "",
                Optional.of(SessionContext.assumedRole(ROLE, "AROAEXAMPLE0000000001", "ci")),
                SessionLineage.webIdentity(providerArn, subject));
    }

    private static final String OTHER_ROLE = "arn:aws:iam::111111111111:role/Other";
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAEXAMPLE0000000001");

    private static SessionClaims roleSession(String accessKeyId, Instant issuedAt) {
        CallerIdentity identity = new CallerIdentity("111111111111", "arn:aws:sts::111111111111:assumed-role/Deploy/ci",
                "AROAEXAMPLE0000000001:ci", PrincipalType.ASSUMED_ROLE, "ci");
        return new SessionClaims(accessKeyId, "secret", identity, issuedAt, issuedAt.plusSeconds(3600),
                Optional.empty(), "us-east-1", "AKIAEXAMPLE000000001",
                Optional.of(SessionContext.assumedRole(ROLE, "AROAEXAMPLE0000000001", "ci")),
                SessionLineage.origin(ALICE.arn(), ALICE.userId()));
    }

    private static SessionClaims chainedFrom(SessionClaims parent, String accessKeyId, Instant issuedAt) {
        return chainedInto(parent, ROLE, accessKeyId, issuedAt);
    }

    /** A session of {@code roleArn} requested with {@code parent}'s credentials, with the lineage the issuer gives it. */
    private static SessionClaims chainedInto(SessionClaims parent, String roleArn, String accessKeyId, Instant issuedAt) {
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        CallerIdentity identity = new CallerIdentity("111111111111", "arn:aws:sts::111111111111:assumed-role/" + name + "/ci",
                "AROAEXAMPLE000000000" + name.length() + ":ci", PrincipalType.ASSUMED_ROLE, "ci");
        return new SessionClaims(accessKeyId, "secret", identity, issuedAt, issuedAt.plusSeconds(3600), Optional.empty(),
                "us-east-1", parent.sourceAccessKeyId(),
                Optional.of(SessionContext.assumedRole(roleArn, "AROAEXAMPLE000000000" + name.length(), "ci")),
                SessionLineage.derivedFrom(parent));
    }

    private static SessionClaims federatedSession(String accessKeyId, Instant issuedAt) {
        CallerIdentity identity = new CallerIdentity("111111111111", "arn:aws:sts::111111111111:federated-user/fed",
                "111111111111:fed", PrincipalType.FEDERATED_USER, "fed");
        return new SessionClaims(accessKeyId, "secret", identity, issuedAt, issuedAt.plusSeconds(3600), Optional.empty(),
                "us-east-1", "AKIAEXAMPLE000000001", Optional.of(new SessionContext(SessionContext.Kind.FEDERATED_USER,
                ALICE.arn(), ALICE.userId(), "fed", Optional.empty(), java.util.List.of(), java.util.Set.of(),
                Optional.empty(), java.util.List.of(), false)));
    }

    private static SessionClaims bobSession(Instant issuedAt) {
        return new SessionClaims("ASIABOB0000000000001", "secret", CallerIdentity.user("111111111111", "/", "bob",
                "AIDAEXAMPLE0000000002"), issuedAt, issuedAt.plusSeconds(3600), false, "us-east-1", "AKIABOB0000000000001");
    }

    private static SessionClaims userSession(String accessKeyId, Instant issuedAt) {
        return new SessionClaims(accessKeyId, "secret", CallerIdentity.user("111111111111", "/", "alice", "AIDAEXAMPLE0000000001"),
                issuedAt, issuedAt.plusSeconds(3600), false, "us-east-1", "AKIAEXAMPLE000000001");
    }

    /** A role session assumed with alice's long-term key. */
    private static SessionClaims roleSession(Instant issuedAt) {
        return roleSession("ASIAROLE000000000001", issuedAt);
    }
}
