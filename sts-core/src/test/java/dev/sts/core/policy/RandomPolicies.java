package dev.sts.core.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Seeded random policy sets and requests over a small vocabulary, for the property tests. */
final class RandomPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "111122223333";

    static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "iam:CreateUser", "ec2:RunInstances", "sts:AssumeRole"};
    private static final String[] ACTION_PATTERNS = {"*", "s3:*", "s3:Get*", "iam:*", "ec2:Run?nstances", "s3:GetObject", "sts:AssumeRole", "S3:PUTOBJECT"};
    static final String[] RESOURCES = {"arn:aws:s3:::bucket/a", "arn:aws:s3:::bucket/Alice/c", "arn:aws:iam::111122223333:user/Alice",
            "arn:aws:iam::111122223333:role/Deploy", "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x"};
    private static final String[] RESOURCE_PATTERNS = {"*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/${aws:username}/*",
            "arn:aws:iam::*:user/*", "arn:aws:s3:::bucket/a", "arn:aws:logs:*:*:log-group:*", "arn:aws:s3:::*a*",
            "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'Alice'}/*"};
    private static final String[] CONDITIONS = {
            "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}",
            "{\"StringNotEquals\":{\"aws:PrincipalTag/team\":[\"red\",\"green\"]}}",
            "{\"StringLike\":{\"s3:prefix\":\"home/*\"}}",
            "{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}",
            "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}",
            "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
            "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}",
            "{\"IpAddress\":{\"aws:SourceIp\":[\"192.0.2.0/24\",\"2001:db8::/32\"]}}",
            "{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}",
            "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/*\"}}",
            "{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}",
            "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\",\"env\"]}}",
            "{\"ForAnyValue:StringLike\":{\"aws:TagKeys\":\"sec*\"}}",
            "{\"StringEquals\":{\"s3:prefix\":\"${aws:username}\"}}",
            "{\"DateLessThanIfExists\":{\"aws:TokenIssueTime\":\"2030-01-01\"}}"};
    private static final String[] PRINCIPALS = {"\"*\"", "{\"AWS\":\"111122223333\"}", "{\"AWS\":\"arn:aws:iam::111122223333:user/Alice\"}",
            "{\"AWS\":\"arn:aws:iam::111122223333:role/Deploy\"}", "{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/Deploy/s1\"}",
            "{\"AWS\":\"444455556666\"}", "{\"Service\":\"ec2.amazonaws.com\"}"};

    private final Random random;

    RandomPolicies(long seed) {
        this.random = new Random(seed);
    }

    PolicySet policySet() {
        List<NamedPolicy> identity = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            identity.add(policy("identity" + i, PolicyType.IDENTITY, PolicyKind.IDENTITY, false));
        }
        Optional<NamedPolicy> boundary = random.nextInt(4) == 0
                ? Optional.of(policy("boundary", PolicyType.PERMISSIONS_BOUNDARY, PolicyKind.BOUNDARY, false)) : Optional.empty();
        Optional<List<NamedPolicy>> session = random.nextInt(4) == 0
                ? Optional.of(List.of(policy("session", PolicyType.SESSION, PolicyKind.SESSION, false))) : Optional.empty();
        Optional<NamedPolicy> resource = random.nextInt(2) == 0
                ? Optional.of(policy("resource", PolicyType.RESOURCE, PolicyKind.RESOURCE, true)) : Optional.empty();
        return new PolicySet(identity, boundary, session, resource);
    }

    NamedPolicy policy(String name, PolicyType type, PolicyKind kind, boolean withPrincipal) {
        ObjectNode document = JSON.createObjectNode();
        document.put("Version", random.nextInt(5) == 0 ? "2008-10-17" : "2012-10-17");
        ArrayNode statements = document.putArray("Statement");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            ObjectNode statement = statements.addObject();
            statement.put("Sid", name.replaceAll("[^A-Za-z0-9]", "") + "S" + i);
            statement.put("Effect", random.nextInt(4) == 0 ? "Deny" : "Allow");
            statement.put(random.nextInt(6) == 0 ? "NotAction" : "Action", pick(ACTION_PATTERNS));
            if (withPrincipal) {
                statement.set(random.nextInt(8) == 0 ? "NotPrincipal" : "Principal", parse(pick(PRINCIPALS)));
            }
            if (!withPrincipal || random.nextBoolean()) {
                statement.put(random.nextInt(6) == 0 ? "NotResource" : "Resource", pick(RESOURCE_PATTERNS));
            }
            if (random.nextBoolean()) {
                ObjectNode condition = statement.putObject("Condition");
                for (int c = 1 + random.nextInt(2); c > 0; c--) {
                    condition.setAll((ObjectNode) parse(pick(CONDITIONS)));
                }
            }
        }
        return new NamedPolicy(name, type, PolicyParser.parse(document.toString(), kind));
    }

    RequestContext request() {
        RequestPrincipal principal = switch (random.nextInt(6)) {
            case 0 -> RequestPrincipal.root(ACCOUNT);
            case 1 -> RequestPrincipal.roleSession(ACCOUNT, "arn:aws:sts::111122223333:assumed-role/Deploy/s1", "AROAEXAMPLE0000000001:s1",
                    "arn:aws:iam::111122223333:role/Deploy");
            case 2 -> RequestPrincipal.federatedUser(ACCOUNT, "arn:aws:sts::111122223333:federated-user/Bob", "arn:aws:iam::111122223333:user/Bob");
            case 3 -> RequestPrincipal.service("ec2.amazonaws.com");
            default -> RequestPrincipal.user(ACCOUNT, "arn:aws:iam::111122223333:user/Alice", "AIDAEXAMPLE0000000001");
        };
        RequestContext.Builder builder = RequestContext.builder().action(pick(ACTIONS)).resource(pick(RESOURCES)).principal(principal);
        if (random.nextInt(4) == 0) {
            builder.resourceAccount(Optional.of(random.nextBoolean() ? ACCOUNT : "444455556666"));
        }
        maybe(builder, "aws:PrincipalTag/team", "blue", "red", "Alice");
        maybe(builder, "s3:prefix", "home/x", "Alice", "other");
        maybe(builder, "s3:max-keys", "5", "50", "many");
        maybe(builder, "aws:CurrentTime", "2024-01-01T00:00:00Z", "1500000000", "later");
        maybe(builder, "aws:SecureTransport", "true", "false", "maybe");
        maybe(builder, "aws:MultiFactorAuthPresent", "true", "false");
        maybe(builder, "aws:SourceIp", "192.0.2.7", "203.0.113.9", "2001:db8::1", "nope");
        maybe(builder, "aws:TokenIssueTime", "2024-01-01T00:00:00Z");
        if (random.nextBoolean()) {
            List<String> keys = new ArrayList<>();
            for (String key : new String[]{"team", "env", "secret"}) {
                if (random.nextBoolean()) {
                    keys.add(key);
                }
            }
            builder.conditionKey("aws:TagKeys", keys);
        }
        return builder.build();
    }

    private void maybe(RequestContext.Builder builder, String key, String... values) {
        if (random.nextBoolean()) {
            builder.conditionKey(key, pick(values));
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
