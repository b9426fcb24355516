package dev.sts.policy;

import dev.sts.core.iam.IamRepository;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import dev.sts.testing.SignedQueryClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenID Connect provider actions of the IAM API through the AWS SDK for Java v2's IamClient, against real Redis
 * and Kafka: every action, its refusals (each beside an accepted call made the same way), its authorization with the
 * provider's tags, and the change events federation-service follows.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class IamOidcProviderApiTest {
    private static final String ACCOUNT = "333333333333";
    private static final String THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    private static final String OTHER_THUMBPRINT = "1b511abead59c6ce207077c0bf0e0043b1382612";

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    IamRepository iam;

    @Test
    void aProviderIsCreatedReadListedAndDeletedWithAwsShapes() {
        String url = uniqueIssuer();
        Instant before = Instant.now().minusSeconds(1);
        var created = root().createOpenIDConnectProvider(r -> r.url(url).clientIDList("sts.amazonaws.com", "app", "app")
                .thumbprintList(THUMBPRINT).tags(Tag.builder().key("team").value("platform").build()));
        String arn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + url.substring("https://".length());
        assertThat(created.openIDConnectProviderArn()).isEqualTo(arn);
        assertThat(created.tags()).extracting(Tag::key).containsExactly("team");

        GetOpenIdConnectProviderResponse provider = root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(provider.url()).isEqualTo(url.substring("https://".length()));
        assertThat(provider.clientIDList()).containsExactly("sts.amazonaws.com", "app");
        assertThat(provider.thumbprintList()).containsExactly(THUMBPRINT);
        assertThat(provider.createDate()).isAfter(before);
        assertThat(provider.tags()).extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("team", "platform"));
        assertThat(root().listOpenIDConnectProviders(r -> { }).openIDConnectProviderList())
                .extracting(OpenIDConnectProviderListEntry::arn).contains(arn);

        root().deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThatThrownBy(() -> root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("OpenIDConnect Provider not found for arn " + arn);
                });
        assertError(() -> root().deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), "NoSuchEntity", 404);
        assertThat(root().listOpenIDConnectProviders(r -> { }).openIDConnectProviderList())
                .extracting(OpenIDConnectProviderListEntry::arn).doesNotContain(arn);
    }

    @Test
    void aProviderNeedsNeitherClientIdsNorThumbprints() {
        String arn = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer())).openIDConnectProviderArn();
        GetOpenIdConnectProviderResponse provider = root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(provider.clientIDList()).isEmpty();
        assertThat(provider.thumbprintList()).isEmpty();
        assertThat(provider.tags()).isEmpty();
    }

    @Test
    void theSameUrlTwiceInAnAccountIsEntityAlreadyExistsButAnotherAccountMayRegisterIt() {
        String url = uniqueIssuer();
        root().createOpenIDConnectProvider(r -> r.url(url).clientIDList("app"));
        assertThatThrownBy(() -> root().createOpenIDConnectProvider(r -> r.url(url).clientIDList("other")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Provider with url " + url + " already exists.");
                });
        // Not normalized, as on AWS: with a trailing slash it is another issuer.
        root().createOpenIDConnectProvider(r -> r.url(url + "/"));
        assertThat(other().createOpenIDConnectProvider(r -> r.url(url)).openIDConnectProviderArn())
                .isEqualTo("arn:aws:iam::444444444444:oidc-provider/" + url.substring("https://".length()));
    }

    @Test
    void plainHttpIsRefusedExceptOnALoopbackHostNameInTheLocalProfile() {
        String path = "/realms/" + UUID.randomUUID();
        assertThatThrownBy(() -> root().createOpenIDConnectProvider(r -> r.url("http://issuer.example.com:8080" + path)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertError(() -> root().createOpenIDConnectProvider(r -> r.url("http://10.1.2.3:8080" + path)), "InvalidInput", 400);
        assertError(() -> root().createOpenIDConnectProvider(r -> r.url("https://issuer.example.com/?tenant=a")), "InvalidInput", 400);
        assertError(() -> root().createOpenIDConnectProvider(r -> r.url("https://" + "h".repeat(250) + ".com")), "ValidationError", 400);
        // The test profile runs as ./sts up does (sts.federation.allow-loopback-http-issuers=true).
        String loopback = "http://127.0.0.1:18080" + path;
        assertThat(root().createOpenIDConnectProvider(r -> r.url(loopback)).openIDConnectProviderArn())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/127.0.0.1:18080" + path);
        assertThat(root().createOpenIDConnectProvider(r -> r.url("http://localhost:18080" + path)).openIDConnectProviderArn())
                .endsWith(":oidc-provider/localhost:18080" + path);
    }

    @Test
    void clientIdsAreAddedAndRemovedIdempotentlyUpToOneHundred() {
        String arn = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer()).clientIDList("first")).openIDConnectProviderArn();
        root().addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("second"));
        root().addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("second"));
        assertThat(clientIds(arn)).containsExactly("first", "second");
        root().removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("first"));
        root().removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("never-added"));
        assertThat(clientIds(arn)).containsExactly("second");
        assertError(() -> root().addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("c".repeat(256))),
                "ValidationError", 400);

        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add("client-" + i);
        }
        String full = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer()).clientIDList(hundred)).openIDConnectProviderArn();
        assertError(() -> root().addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(full).clientID("client-100")),
                "LimitExceeded", 409);
        root().addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(full).clientID("client-99"));
        List<String> tooMany = new ArrayList<>(hundred);
        tooMany.add("client-100");
        assertError(() -> root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer()).clientIDList(tooMany)), "LimitExceeded", 409);
    }

    @Test
    void thumbprintsAreReplacedWholeAndAreAtMostFiveOfFortyHexDigits() {
        String arn = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer()).thumbprintList(THUMBPRINT)).openIDConnectProviderArn();
        root().updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(OTHER_THUMBPRINT));
        assertThat(root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).thumbprintList())
                .containsExactly(OTHER_THUMBPRINT);

        assertError(() -> root().updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                .thumbprintList(THUMBPRINT.substring(1))), "ValidationError", 400);
        assertError(() -> root().updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                .thumbprintList("z" + THUMBPRINT.substring(1))), "InvalidInput", 400);
        List<String> six = List.of("0".repeat(40), "1".repeat(40), "2".repeat(40), "3".repeat(40), "4".repeat(40), "5".repeat(40));
        assertError(() -> root().updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(six)),
                "InvalidInput", 400);
        root().updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(six.subList(0, 5)));
        assertThat(root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).thumbprintList()).hasSize(5);
    }

    @Test
    void tagsAreAddedListedAndRemovedWithinTheQuota() {
        String arn = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer())
                .tags(Tag.builder().key("env").value("dev").build())).openIDConnectProviderArn();
        root().tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(Tag.builder().key("ENV").value("prod").build(),
                Tag.builder().key("team").value("platform").build()));
        assertThat(root().listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
                .extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("ENV", "prod"),
                        org.assertj.core.groups.Tuple.tuple("team", "platform"));
        root().untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tagKeys("env", "absent"));
        assertThat(root().listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
                .extracting(Tag::key).containsExactly("team");

        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertError(() -> root().tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(fifty)), "LimitExceeded", 409);
        root().tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(fifty.subList(0, 49)));
        assertError(() -> root().tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)
                .tags(Tag.builder().key("aws:reserved").value("x").build())), "InvalidInput", 400);
        assertError(() -> root().untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), "ValidationError", 400);
    }

    @Test
    void aMalformedArnIsInvalidInputAndAnotherAccountsProviderDoesNotExistForTheCaller() {
        String arn = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer())).openIDConnectProviderArn();
        assertError(() -> root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn("arn:aws:iam::" + ACCOUNT
                + ":role/not-a-provider")), "InvalidInput", 400);
        assertError(() -> root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn("this-is-no-arn-at-all")), "InvalidInput", 400);
        assertError(() -> other().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), "NoSuchEntity", 404);
        assertError(() -> other().deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), "NoSuchEntity", 404);
        assertThat(other().listOpenIDConnectProviders(r -> { }).openIDConnectProviderList())
                .extracting(OpenIDConnectProviderListEntry::arn).doesNotContain(arn);
        assertThat(root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).url()).isNotEmpty();
    }

    @Test
    void eachActionIsAuthorizedAgainstTheProviderWithItsTagsAsTheSimulatorDecidesIt() {
        String dev = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer())
                .tags(Tag.builder().key("env").value("dev").build())).openIDConnectProviderArn();
        String prod = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer())
                .tags(Tag.builder().key("env").value("prod").build())).openIDConnectProviderArn();
        String name = "oidc-dev-" + UUID.randomUUID().toString().substring(0, 8);
        IamClient devAdmin = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":["iam:AddClientIDToOpenIDConnectProvider","iam:GetOpenIDConnectProvider"],
                  "Resource":"arn:aws:iam::333333333333:oidc-provider/*","Condition":{"StringEquals":{"aws:ResourceTag/env":"dev"}}},
                 {"Effect":"Allow","Action":"iam:CreateOpenIDConnectProvider","Resource":"*",
                  "Condition":{"StringEquals":{"aws:RequestTag/env":"dev"},"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}}]}""");

        devAdmin.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(dev).clientID("dev-app"));
        assertError(() -> devAdmin.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(prod).clientID("dev-app")),
                "AccessDenied", 403);
        assertThat(devAdmin.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(dev)).clientIDList()).contains("dev-app");
        assertError(() -> devAdmin.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(dev)), "AccessDenied", 403);
        assertError(() -> devAdmin.listOpenIDConnectProviders(r -> { }), "AccessDenied", 403);

        devAdmin.createOpenIDConnectProvider(r -> r.url(uniqueIssuer()).tags(Tag.builder().key("env").value("dev").build()));
        assertError(() -> devAdmin.createOpenIDConnectProvider(r -> r.url(uniqueIssuer())
                .tags(Tag.builder().key("env").value("prod").build())), "AccessDenied", 403);
        assertError(() -> devAdmin.createOpenIDConnectProvider(r -> r.url(uniqueIssuer())), "AccessDenied", 403);

        // The simulator reads the provider's tags from IAM state as the live call does.
        String userArn = "arn:aws:iam::" + ACCOUNT + ":user/" + name;
        assertThat(simulate(userArn, "iam:AddClientIDToOpenIDConnectProvider", dev)).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(simulate(userArn, "iam:AddClientIDToOpenIDConnectProvider", prod)).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void aUserWithoutPoliciesMayNotTouchProvidersAndAnIamAdministratorMay() {
        IamClient bob = IamTestClients.of(endpoint, "AKIATESTBOB000000003", "testBobSecret/0000000000000000000000003");
        IamClient carol = IamTestClients.of(endpoint, "AKIATESTCAROL0000003", "testCarolSecret/00000000000000000000003");
        String url = uniqueIssuer();
        assertError(() -> bob.createOpenIDConnectProvider(r -> r.url(url)), "AccessDenied", 403);
        String arn = carol.createOpenIDConnectProvider(r -> r.url(url)).openIDConnectProviderArn();
        assertError(() -> bob.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), "AccessDenied", 403);
        assertThat(carol.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).url()).isEqualTo(url.substring(8));
    }

    @Test
    void everyChangeIsPublishedWithTheProvidersArn() {
        String arn = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer())).openIDConnectProviderArn();
        root().tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(Tag.builder().key("marker").value("x").build()));
        root().deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        List<String> events = KafkaTopicReader.ofLocalInfrastructure().awaitRecords("iam.changes.v1", 3,
                record -> record.value().contains("\"name\":\"" + arn + "\""), Duration.ofSeconds(20))
                .stream().map(record -> record.value()).toList();
        assertThat(events).hasSize(3).allSatisfy(event -> assertThat(event)
                .contains("\"kind\":\"OIDC_PROVIDER\"", "\"account\":\"" + ACCOUNT + "\""));
    }

    @Test
    void anAccountHoldsAtMostOneHundredProviders() {
        // The second account: the other tests create little there, and this one removes what it made.
        IamClient quota = other();
        int existing = quota.listOpenIDConnectProviders(r -> { }).openIDConnectProviderList().size();
        List<String> made = new ArrayList<>();
        try {
            for (int i = existing; i < 100; i++) {
                made.add(quota.createOpenIDConnectProvider(r -> r.url(uniqueIssuer())).openIDConnectProviderArn());
            }
            assertError(() -> quota.createOpenIDConnectProvider(r -> r.url(uniqueIssuer())), "LimitExceeded", 409);
            String freed = made.remove(made.size() - 1);
            quota.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(freed));
            made.add(quota.createOpenIDConnectProvider(r -> r.url(uniqueIssuer())).openIDConnectProviderArn());
        } finally {
            made.forEach(arn -> quota.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)));
        }
    }

    @Test
    void beyondAwsAJwksRegisteredWithAProviderIsKeptAndOneWithAPrivateKeyIsRefusedUnechoed() throws Exception {
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"cluster-1\",\"use\":\"sig\",\"alg\":\"ES256\",\"crv\":\"P-256\","
                + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";
        String url = uniqueIssuer();
        SignedQueryClient.Answer created = signed("Action=CreateOpenIDConnectProvider&Version=2010-05-08&Url=" + encode(url)
                + "&ClientIDList.member.1=sts.amazonaws.com&Jwks=" + encode(jwks));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String arn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + url.substring("https://".length());
        assertThat(created.body()).contains("<OpenIDConnectProviderArn>" + arn + "</OpenIDConnectProviderArn>");
        assertThat(iam.findOidcProvider(arn).orElseThrow().registeredJwks()).contains(jwks);

        String withPrivateKey = jwks.replace("\"y\":", "\"d\":\"private-scalar-never-echoed\",\"y\":");
        SignedQueryClient.Answer refused = signed("Action=CreateOpenIDConnectProvider&Version=2010-05-08&Url="
                + encode(uniqueIssuer()) + "&Jwks=" + encode(withPrivateKey));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("<Code>InvalidInput</Code>").doesNotContain("private-scalar-never-echoed");
        // A provider registered the AWS way has none: federation-service then reads the issuer's discovery document.
        String plain = root().createOpenIDConnectProvider(r -> r.url(uniqueIssuer())).openIDConnectProviderArn();
        assertThat(iam.findOidcProvider(plain).orElseThrow().registeredJwks()).isEmpty();
    }

    // ---- helpers

    private List<String> clientIds(String arn) {
        return root().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).clientIDList();
    }

    private PolicyEvaluationDecisionType simulate(String userArn, String action, String resourceArn) {
        return root().simulatePrincipalPolicy(r -> r.policySourceArn(userArn).actionNames(action).resourceArns(resourceArn))
                .evaluationResults().get(0).evalDecision();
    }

    /** A new user of the test account with one inline policy, and a client signed with its own key. */
    private IamClient userWithPolicy(String name, String policy) {
        root().createUser(r -> r.userName(name));
        root().putUserPolicy(r -> r.userName(name).policyName("Only").policyDocument(policy));
        AccessKey key = root().createAccessKey(r -> r.userName(name)).accessKey();
        return IamTestClients.of(endpoint, key.accessKeyId(), key.secretAccessKey());
    }

    private SignedQueryClient.Answer signed(String form) throws Exception {
        return new SignedQueryClient(endpoint, "iam").post(form, AwsBasicCredentials.create("AKIATESTROOT00000003",
                "testRootSecret/000000000000000000000003"), Clock.systemUTC());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String uniqueIssuer() {
        return "https://issuer-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com/realms/test";
    }

    private IamClient root() {
        return IamTestClients.of(endpoint, "AKIATESTROOT00000003", "testRootSecret/000000000000000000000003");
    }

    private IamClient other() {
        return IamTestClients.of(endpoint, "AKIATESTROOT00000004", "testRootSecret/000000000000000000000004");
    }

    private static void assertError(Runnable call, String code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}
