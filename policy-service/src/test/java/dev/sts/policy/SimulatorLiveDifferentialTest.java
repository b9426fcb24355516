package dev.sts.policy;

import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SimulatePrincipalPolicy and the live IAM API give the same decision on the same request: generated users
 * (inline policies with conditions on aws:TagKeys, aws:RequestTag/*, aws:ResourceTag/*, aws:PrincipalTag/*,
 * iam:PermissionsBoundary and iam:PolicyARN; some with a permissions boundary), generated targets with tags,
 * generated requests; for each, the simulator is asked first (with the ContextEntries the request carries, as
 * on AWS), then the call is made with the user's own key. Against real Redis and Kafka, in an account of its own.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class SimulatorLiveDifferentialTest {
    private static final String ACCOUNT = "444444444444";
    private static final int CASES = 80;
    private static final List<String> TAG_KEYS = List.of("nickname", "access", "team", "owner");
    private static final List<String> TAG_VALUES = List.of("admin", "data", "ops");
    private static final List<String> AWS_POLICIES = List.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "arn:aws:iam::aws:policy/IAMFullAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess");
    private static final List<String> ACTIONS = List.of("TagUser", "UntagUser", "CreateUser", "AttachUserPolicy",
            "PutUserPermissionsBoundary", "TagRole", "UpdateRole");

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void theSimulatorAndTheLiveCallAgreeOnGeneratedRequests() {
        long seed = Long.getLong("differential.seed", System.nanoTime());
        Random random = new Random(seed);
        String boundaryIam = root().createPolicy(r -> r.policyName(unique("BoundIam")).policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}""")).policy().arn();
        String boundaryTagOnly = root().createPolicy(r -> r.policyName(unique("BoundTag")).policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Tag*","iam:Untag*"],"Resource":"*"}]}"""))
                .policy().arn();
        List<String> boundaries = List.of(boundaryIam, boundaryTagOnly, AWS_POLICIES.get(1));
        int allowed = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Case c = generate(random, boundaries);
            boolean simulated = simulate(c);
            boolean live = live(c);
            if (simulated != live) {
                disagreements.add("seed " + seed + " case " + i + ": simulator " + simulated + ", live " + live + ": " + c);
            }
            allowed += live ? 1 : 0;
        }
        assertThat(disagreements).isEmpty();
        // Both outcomes occur often enough for the agreement to mean something.
        assertThat(allowed).as("allowed cases, seed " + seed).isBetween(CASES / 10, CASES - CASES / 10);
    }

    /** One generated request: who makes it (its policy, boundary, tags), on what target, carrying what. */
    private record Case(String actor, IamClient client, String action, String target, String targetArn,
                        Map<String, String> requestTags, List<String> untagKeys, String policyArn, String boundary,
                        String policy) {
    }

    private Case generate(Random random, List<String> boundaries) {
        String action = pick(random, ACTIONS);
        String actor = unique("actor");
        String policy = policy(random, boundaries);
        root().createUser(r -> r.userName(actor));
        root().putUserPolicy(r -> r.userName(actor).policyName("generated").policyDocument(policy));
        if (random.nextInt(3) == 0) {
            root().putUserPermissionsBoundary(r -> r.userName(actor).permissionsBoundary(pick(random, boundaries)));
        }
        if (random.nextBoolean()) {
            root().tagUser(r -> r.userName(actor).tags(tag("dept", pick(random, TAG_VALUES))));
        }
        AccessKey key = root().createAccessKey(r -> r.userName(actor)).accessKey();
        Map<String, String> targetTags = tags(random);
        String target = unique("target");
        String targetArn;
        if (action.endsWith("Role")) {
            root().createRole(r -> r.roleName(target).assumeRolePolicyDocument(TRUST).tags(asTags(targetTags)));
            targetArn = "arn:aws:iam::" + ACCOUNT + ":role/" + target;
        } else if (action.equals("CreateUser")) {
            targetArn = "arn:aws:iam::" + ACCOUNT + ":user/" + target;
        } else {
            root().createUser(r -> r.userName(target).tags(asTags(targetTags)));
            if (random.nextBoolean()) {
                root().putUserPermissionsBoundary(r -> r.userName(target).permissionsBoundary(pick(random, boundaries)));
            }
            targetArn = "arn:aws:iam::" + ACCOUNT + ":user/" + target;
        }
        Map<String, String> requestTags = action.startsWith("Tag") || action.equals("CreateUser") ? tags(random) : Map.of();
        if (action.startsWith("Tag") && requestTags.isEmpty()) {
            requestTags = Map.of(pick(random, TAG_KEYS), pick(random, TAG_VALUES));
        }
        List<String> untagKeys = action.startsWith("Untag") ? List.copyOf(tags(random).keySet()) : List.of();
        if (action.startsWith("Untag") && untagKeys.isEmpty()) {
            untagKeys = List.of(pick(random, TAG_KEYS));
        }
        String policyArn = action.equals("AttachUserPolicy") ? pick(random, AWS_POLICIES) : null;
        String boundary = action.equals("PutUserPermissionsBoundary") || (action.equals("CreateUser") && random.nextBoolean())
                ? pick(random, boundaries) : null;
        return new Case(actor, client(key.accessKeyId(), key.secretAccessKey()), action, target, targetArn, requestTags,
                untagKeys, policyArn, boundary, policy);
    }

    /** One to three statements, each an Allow or a Deny on some of the actions, with one generated condition or none. */
    private static String policy(Random random, List<String> boundaries) {
        List<String> statements = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String effect = i == 0 || random.nextInt(3) > 0 ? "Allow" : "Deny";
            String action = switch (random.nextInt(4)) {
                case 0 -> "\"iam:*\"";
                case 1 -> "[\"iam:Tag*\",\"iam:Untag*\"]";
                default -> "\"iam:" + pick(random, ACTIONS) + "\"";
            };
            String condition = condition(random, boundaries);
            statements.add("{\"Effect\":\"" + effect + "\",\"Action\":" + action + ",\"Resource\":\"*\""
                    + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}");
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String condition(Random random, List<String> boundaries) {
        return switch (random.nextInt(11)) {
            case 0 -> "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"nickname\",\"team\"]}}";
            case 1 -> "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"access\"]}}";
            case 2 -> "{\"StringEquals\":{\"aws:RequestTag/team\":\"" + pick(random, TAG_VALUES) + "\"}}";
            case 3 -> "{\"StringEquals\":{\"aws:ResourceTag/owner\":\"" + pick(random, TAG_VALUES) + "\"}}";
            case 4 -> "{\"StringNotEquals\":{\"aws:ResourceTag/access\":\"admin\"}}";
            case 5 -> "{\"StringEquals\":{\"iam:PermissionsBoundary\":\"" + pick(random, boundaries) + "\"}}";
            case 6 -> "{\"ArnEquals\":{\"iam:PolicyARN\":\"" + pick(random, AWS_POLICIES) + "\"}}";
            case 7 -> "{\"Null\":{\"aws:RequestTag/access\":\"" + random.nextBoolean() + "\"}}";
            case 8 -> "{\"StringEquals\":{\"aws:PrincipalTag/dept\":\"" + pick(random, TAG_VALUES) + "\"}}";
            default -> "";
        };
    }

    private boolean simulate(Case c) {
        List<ContextEntry> entries = new ArrayList<>();
        if (!c.requestTags().isEmpty()) {
            entries.add(entry("aws:TagKeys", ContextKeyTypeEnum.STRING_LIST, List.copyOf(c.requestTags().keySet())));
            c.requestTags().forEach((key, value) -> entries.add(entry("aws:RequestTag/" + key, ContextKeyTypeEnum.STRING,
                    List.of(value))));
        }
        if (!c.untagKeys().isEmpty()) {
            entries.add(entry("aws:TagKeys", ContextKeyTypeEnum.STRING_LIST, c.untagKeys()));
        }
        if (c.policyArn() != null) {
            entries.add(entry("iam:PolicyARN", ContextKeyTypeEnum.STRING, List.of(c.policyArn())));
        }
        if (c.boundary() != null) {
            entries.add(entry("iam:PermissionsBoundary", ContextKeyTypeEnum.STRING, List.of(c.boundary())));
        }
        PolicyEvaluationDecisionType decision = root().simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/" + c.actor()).actionNames("iam:" + c.action())
                .resourceArns(c.targetArn()).contextEntries(entries)).evaluationResults().get(0).evalDecision();
        return decision == PolicyEvaluationDecisionType.ALLOWED;
    }

    private static boolean live(Case c) {
        IamClient iam = c.client();
        Consumer<IamClient> call = switch (c.action()) {
            case "TagUser" -> client -> client.tagUser(r -> r.userName(c.target()).tags(asTags(c.requestTags())));
            case "TagRole" -> client -> client.tagRole(r -> r.roleName(c.target()).tags(asTags(c.requestTags())));
            case "UntagUser" -> client -> client.untagUser(r -> r.userName(c.target()).tagKeys(c.untagKeys()));
            case "CreateUser" -> client -> client.createUser(r -> r.userName(c.target()).tags(asTags(c.requestTags()))
                    .permissionsBoundary(c.boundary()));
            case "AttachUserPolicy" -> client -> client.attachUserPolicy(r -> r.userName(c.target()).policyArn(c.policyArn()));
            case "PutUserPermissionsBoundary" -> client -> client.putUserPermissionsBoundary(r -> r.userName(c.target())
                    .permissionsBoundary(c.boundary()));
            case "UpdateRole" -> client -> client.updateRole(r -> r.roleName(c.target()).description("changed"));
            default -> throw new IllegalStateException(c.action());
        };
        try {
            call.accept(iam);
            return true;
        } catch (IamException e) {
            // Only a refusal by policy counts as a deny; anything else is a broken case and fails the test.
            assertThat(e.awsErrorDetails().errorCode()).as(c.toString()).isEqualTo("AccessDenied");
            return false;
        }
    }

    private static Map<String, String> tags(Random random) {
        Map<String, String> tags = new LinkedHashMap<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            tags.put(pick(random, TAG_KEYS), pick(random, TAG_VALUES));
        }
        return tags;
    }

    private static List<Tag> asTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> tag(e.getKey(), e.getValue())).toList();
    }

    private static ContextEntry entry(String key, ContextKeyTypeEnum type, List<String> values) {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(type).contextKeyValues(values).build();
    }

    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444444444444:root"},
             "Action":"sts:AssumeRole"}]}""";

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private IamClient root() {
        return client("AKIATESTROOT00000004", "testRootSecret/000000000000000000000004");
    }

    private IamClient client(String accessKeyId, String secretAccessKey) {
        return IamTestClients.of(endpoint, accessKeyId, secretAccessKey);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }
}
