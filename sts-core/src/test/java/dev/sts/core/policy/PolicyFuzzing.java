package dev.sts.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.policy.condition.ConditionOperator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fuzz harness shared by the Jazzer target and the seeded mutation test. Each input is one of: raw
 * bytes for the parser; a policy from the conformance corpus mutated (byte flips, inserts, deletions,
 * duplications, splices, truncation, deep nesting); or a policy built from fuzzed operators, keys,
 * patterns and values. Whatever parses is evaluated against fuzzed requests. The oracle: only
 * {@code StsException(MALFORMED_POLICY_DOCUMENT)} leaves the parser, and the evaluator never throws nor
 * needs its catch-all.
 */
final class PolicyFuzzing {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyEvaluator EVALUATOR = new DefaultPolicyEvaluator();
    private static final TrustEvaluator TRUST = new TrustEvaluator(EVALUATOR);
    static final List<byte[]> CORPUS = loadCorpus();

    private static final String[] KEYS = {"aws:SourceIp", "aws:username", "aws:PrincipalTag/team", "aws:TagKeys", "aws:CurrentTime",
            "s3:prefix", "aws:SecureTransport", "aws:PrincipalArn", "sts:ExternalId", "custom:Blob"};
    private static final String[] PRINCIPALS = {"\"*\"", "{\"AWS\":\"111122223333\"}", "{\"AWS\":\"arn:aws:iam::111122223333:user/Alice\"}",
            "{\"AWS\":[\"arn:aws:iam::111122223333:role/R\",\"arn:aws:sts::111122223333:assumed-role/R/s\"]}", "{\"Service\":\"ec2.amazonaws.com\"}",
            "{\"Federated\":\"accounts.google.com\"}"};

    private PolicyFuzzing() {
    }

    static void runOne(FuzzChoices in) {
        switch (in.pick(3)) {
            case 0 -> parseAndEvaluate(in.rest(8192), in);
            case 1 -> parseAndEvaluate(mutate(CORPUS.get(in.pick(CORPUS.size())), in), in);
            default -> parseAndEvaluate(generate(in).getBytes(StandardCharsets.UTF_8), in);
        }
    }

    static void parseAndEvaluate(byte[] input, FuzzChoices in) {
        PolicyKind[] kinds = PolicyKind.values();
        int choice = in.pick(kinds.length + 1);
        PolicyKind kind = choice == kinds.length ? null : kinds[choice];
        PolicyDocument document;
        try {
            document = PolicyParser.parse(input, kind);
        } catch (StsException e) {
            if (e.errorCode() != StsErrorCode.MALFORMED_POLICY_DOCUMENT) {
                throw new AssertionError("parser answered " + e.errorCode() + ": " + e.getMessage(), e);
            }
            return;
        }
        for (int i = 0; i < 3; i++) {
            evaluate(document, request(in), in);
        }
    }

    private static void evaluate(PolicyDocument document, RequestContext request, FuzzChoices in) {
        Decision decision;
        switch (document.kind()) {
            case TRUST -> decision = TRUST.evaluate(document, "arn:aws:iam::111122223333:role/R", List.of(), Optional.empty(),
                    Optional.empty(), request);
            case RESOURCE -> decision = EVALUATOR.evaluate(new PolicySet(List.of(), Optional.empty(), Optional.empty(),
                    Optional.of(new NamedPolicy("fuzz", PolicyType.RESOURCE, document))), request);
            default -> {
                NamedPolicy named = new NamedPolicy("fuzz", PolicyType.IDENTITY, document);
                decision = EVALUATOR.evaluate(new PolicySet(List.of(named),
                        in.bool() ? Optional.of(new NamedPolicy("b", PolicyType.PERMISSIONS_BOUNDARY, document)) : Optional.empty(),
                        in.bool() ? Optional.of(List.of(new NamedPolicy("s", PolicyType.SESSION, document))) : Optional.empty(),
                        Optional.empty()), request);
            }
        }
        for (String error : decision.errors()) {
            if (error.startsWith("evaluation failed")) {
                throw new AssertionError("the evaluator hit an unexpected failure: " + error + " for " + document.json());
            }
        }
    }

    private static RequestContext request(FuzzChoices in) {
        RequestPrincipal principal = switch (in.pick(5)) {
            case 0 -> RequestPrincipal.root("111122223333");
            case 1 -> RequestPrincipal.roleSession("111122223333", "arn:aws:sts::111122223333:assumed-role/R/s", "AROAX:s",
                    "arn:aws:iam::111122223333:role/R");
            case 2 -> RequestPrincipal.service("ec2.amazonaws.com");
            case 3 -> RequestPrincipal.federated("accounts.google.com");
            default -> RequestPrincipal.user("111122223333", "arn:aws:iam::111122223333:user/" + in.text(12), in.text(8));
        };
        RequestContext.Builder builder = RequestContext.builder()
                .action(in.bool() ? "s3:GetObject" : in.text(24))
                .resource(in.bool() ? "arn:aws:s3:::bucket/" + in.text(32) : in.text(48))
                .principal(principal);
        if (in.bool()) {
            builder.resourceAccount(Optional.of(in.bool() ? "111122223333" : in.text(12)));
        }
        for (int i = in.pick(4); i > 0; i--) {
            String key = in.bool() ? KEYS[in.pick(KEYS.length)] : in.text(16);
            if (in.bool()) {
                builder.conditionKey(key, in.text(40));
            } else {
                builder.conditionKey(key, List.of(in.text(20), in.text(20)));
            }
        }
        return builder.build();
    }

    /** Mutates a seed: byte flips, inserts, deletions, duplications, splices, truncation and deep nesting. */
    static byte[] mutate(byte[] seed, FuzzChoices in) {
        byte[] out = seed;
        for (int round = 1 + in.pick(4); round > 0 && out.length > 0; round--) {
            int at = in.pick(out.length);
            switch (in.pick(7)) {
                case 0 -> {
                    out = out.clone();
                    out[at] ^= (byte) (1 << in.pick(8));
                }
                case 1 -> out = splice(out, at, at, in.bytes(16));
                case 2 -> out = splice(out, at, Math.min(out.length, at + 1 + in.pick(32)), new byte[0]);
                case 3 -> {
                    int end = Math.min(out.length, at + 1 + in.pick(64));
                    out = splice(out, end, end, Arrays.copyOfRange(out, at, end));
                }
                case 4 -> {
                    byte[] other = CORPUS.get(in.pick(CORPUS.size()));
                    int from = in.pick(other.length + 1);
                    out = splice(out, at, out.length, Arrays.copyOfRange(other, from, Math.min(other.length, from + in.pick(256))));
                }
                case 5 -> out = Arrays.copyOf(out, at);
                default -> {
                    int depth = 1 + in.pick(40);
                    byte[] open = "[".repeat(depth).getBytes(StandardCharsets.US_ASCII);
                    byte[] close = "]".repeat(depth).getBytes(StandardCharsets.US_ASCII);
                    out = splice(splice(out, at, at, open), at + depth, at + depth, close);
                }
            }
        }
        return out;
    }

    private static byte[] splice(byte[] data, int from, int to, byte[] insert) {
        byte[] out = new byte[data.length - (to - from) + insert.length];
        System.arraycopy(data, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(data, to, out, from + insert.length, data.length - to);
        return out;
    }

    /** A policy whose structure is valid often enough to reach the matchers, with fuzzed values. */
    static String generate(FuzzChoices in) {
        StringBuilder out = new StringBuilder("{\"Version\":\"").append(in.bool() ? "2012-10-17" : "2008-10-17").append("\",\"Statement\":[");
        int statements = 1 + in.pick(3);
        boolean resourcePolicy = in.bool();
        for (int s = 0; s < statements; s++) {
            out.append(s == 0 ? "" : ",").append("{\"Effect\":\"").append(in.bool() ? "Allow" : "Deny").append('"');
            out.append(",\"").append(in.bool() ? "Action" : "NotAction").append("\":").append(quote(in.bool() ? "s3:" + in.text(10) : in.text(12)));
            if (resourcePolicy) {
                out.append(",\"").append(in.bool() ? "Principal" : "NotPrincipal").append("\":").append(PRINCIPALS[in.pick(PRINCIPALS.length)]);
            }
            if (!resourcePolicy || in.bool()) {
                out.append(",\"").append(in.bool() ? "Resource" : "NotResource").append("\":")
                        .append(quote(in.bool() ? "arn:aws:s3:::" + in.text(24) : in.text(24)));
            }
            if (in.bool()) {
                ConditionOperator operator = ConditionOperator.values()[in.pick(ConditionOperator.values().length)];
                String prefix = new String[]{"", "ForAllValues:", "ForAnyValue:"}[in.pick(3)];
                String suffix = operator != ConditionOperator.NULL && in.bool() ? "IfExists" : "";
                out.append(",\"Condition\":{").append(quote(prefix + operator.wireName() + suffix)).append(":{")
                        .append(quote(KEYS[in.pick(KEYS.length)])).append(":[").append(quote(in.text(40))).append(',')
                        .append(quote(in.text(40))).append("]}}");
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every policy document of the conformance suite, as UTF-8 bytes. */
    private static List<byte[]> loadCorpus() {
        List<byte[]> out = new ArrayList<>();
        for (String theme : PolicyConformanceTest.THEMES) {
            try (InputStream in = PolicyFuzzing.class.getResourceAsStream("/policy-conformance/" + theme + ".json")) {
                JsonNode root = JSON.readTree(in);
                for (JsonNode c : root.path("cases")) {
                    for (JsonNode policies : c.path("policies")) {
                        for (JsonNode policy : policies.isArray() ? policies : List.of(policies)) {
                            out.add(JSON.writeValueAsString(policy).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(out);
    }
}
