package dev.sts.core.policy;

import dev.sts.core.identity.CallerIdentity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RequestContextTest {
    private static final String ACCOUNT = "111122223333";

    private static RequestContext with(RequestPrincipal principal) {
        return RequestContext.builder().action("s3:GetObject").resource("*").principal(principal).build();
    }

    @Test
    void keysAreCaseInsensitiveIncludingTagSuffixes() {
        RequestContext request = RequestContext.builder().action("a:b").resource("*").principal(RequestPrincipal.anonymous())
                .conditionKey("aws:SourceIp", "192.0.2.1").conditionKey("aws:PrincipalTag/Team", "blue").build();
        assertThat(request.values("AWS:sourceip")).containsExactly("192.0.2.1");
        assertThat(request.values("aws:principaltag/TEAM")).containsExactly("blue");
        assertThat(request.has("aws:PrincipalTag/other")).isFalse();
    }

    @Test
    void derivesPrincipalKeysAsAwsDoes() {
        RequestContext user = with(RequestPrincipal.user(ACCOUNT, "arn:aws:iam::111122223333:user/division/Alice", "AIDAALICE"));
        assertThat(user.values("aws:username")).containsExactly("Alice");
        assertThat(user.values("aws:userid")).containsExactly("AIDAALICE");
        assertThat(user.values("aws:PrincipalArn")).containsExactly("arn:aws:iam::111122223333:user/division/Alice");
        assertThat(user.values("aws:PrincipalAccount")).containsExactly(ACCOUNT);
        assertThat(user.values("aws:PrincipalType")).containsExactly("User");

        RequestContext session = with(RequestPrincipal.roleSession(ACCOUNT, "arn:aws:sts::111122223333:assumed-role/Admin/s1",
                "AROAADMIN:s1", "arn:aws:iam::111122223333:role/ops/Admin"));
        assertThat(session.has("aws:username")).isFalse();
        assertThat(session.values("aws:userid")).containsExactly("AROAADMIN:s1");
        assertThat(session.values("aws:PrincipalArn")).containsExactly("arn:aws:iam::111122223333:role/ops/Admin");
        assertThat(session.values("aws:PrincipalType")).containsExactly("AssumedRole");

        RequestContext root = with(RequestPrincipal.root(ACCOUNT));
        assertThat(root.values("aws:userid")).containsExactly(ACCOUNT);
        assertThat(root.values("aws:PrincipalType")).containsExactly("Account");

        RequestContext federatedUser = with(RequestPrincipal.federatedUser(ACCOUNT, "arn:aws:sts::111122223333:federated-user/Bob",
                "arn:aws:iam::111122223333:user/Bob"));
        assertThat(federatedUser.values("aws:userid")).containsExactly("111122223333:Bob");
        assertThat(federatedUser.values("aws:PrincipalType")).containsExactly("FederatedUser");

        RequestContext service = with(RequestPrincipal.service("ec2.amazonaws.com"));
        assertThat(service.values("aws:PrincipalServiceName")).containsExactly("ec2.amazonaws.com");
        assertThat(service.has("aws:PrincipalAccount")).isFalse();
    }

    @Test
    void explicitKeysWinOverDerivedOnesAndSurviveToBuilder() {
        RequestContext request = RequestContext.builder().action("a:b").resource("*")
                .principal(RequestPrincipal.user(ACCOUNT, "arn:aws:iam::111122223333:user/Alice", "AIDA"))
                .resourceAccount(Optional.of("444455556666"))
                .conditionKey("aws:username", "override").conditionKey("aws:TagKeys", List.of("a", "b")).build();
        assertThat(request.values("aws:username")).containsExactly("override");
        assertThat(request.values("aws:ResourceAccount")).containsExactly("444455556666");
        assertThat(request.isCrossAccount()).isTrue();
        RequestContext rebuilt = request.toBuilder().principal(RequestPrincipal.root(ACCOUNT)).build();
        assertThat(rebuilt.values("aws:username")).containsExactly("override");
        assertThat(rebuilt.values("aws:userid")).containsExactly(ACCOUNT);
        assertThat(rebuilt.values("aws:TagKeys")).containsExactly("a", "b");
    }

    @Test
    void buildsAPrincipalFromACallerIdentity() {
        RequestPrincipal principal = RequestPrincipal.of(CallerIdentity.user(ACCOUNT, "/", "Alice", "AIDAALICE"), Optional.empty());
        assertThat(principal.kind()).isEqualTo(PrincipalKind.USER);
        assertThat(principal.arn()).isEqualTo("arn:aws:iam::111122223333:user/Alice");
        assertThat(RequestPrincipal.of(CallerIdentity.root(ACCOUNT), Optional.empty()).kind()).isEqualTo(PrincipalKind.ROOT);
    }
}
