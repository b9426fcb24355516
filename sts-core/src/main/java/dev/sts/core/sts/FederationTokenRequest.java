package dev.sts.core.sts;

import dev.sts.core.iam.Tag;
import dev.sts.core.policy.PolicyDocument;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.ValidationErrors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * GetFederationToken's parameters, validated with AWS's limits: Name 2–32 of {@code [\w+=,.@-]}, an
 * inline session policy up to 2,048 characters, up to 10 policy ARNs, up to 50 tags, and a duration of
 * 900–129,600 seconds (43,200 by default; an account root's session is cut to one hour, as AWS does).
 */
public record FederationTokenRequest(String name, OptionalInt durationSeconds, Optional<PolicyDocument> policy,
                                     List<String> policyArns, List<Tag> tags) {
    public static final int MIN_DURATION = 900;
    public static final int MAX_DURATION = 129_600;
    public static final int DEFAULT_DURATION = 43_200;
    public static final int MAX_ROOT_DURATION = 3_600;

    public FederationTokenRequest {
        policyArns = List.copyOf(policyArns);
        tags = List.copyOf(tags);
    }

    public static FederationTokenRequest from(QueryParameters params) {
        ValidationErrors errors = new ValidationErrors();
        String name = params.required("Name", errors);
        params.string("Name", 2, 32, AssumeRoleRequest.SESSION_NAME, errors);
        List<String> policyArns = AssumeRoleRequest.policyArns(params, errors);
        Optional<String> policyJson = params.string("Policy", 1, AssumeRoleRequest.MAX_POLICY_LENGTH,
                AssumeRoleRequest.POLICY_TEXT, errors);
        OptionalInt duration = params.integer("DurationSeconds", MIN_DURATION, MAX_DURATION, errors);
        List<Tag> tags = AssumeRoleRequest.tags(params, errors);
        errors.throwIfAny();
        policyArns.stream().filter(arn -> !AssumeRoleRequest.isPolicyArn(arn)).findFirst().ifPresent(arn -> {
            throw AssumeRoleRequest.invalidArn(arn);
        });
        AssumeRoleRequest.requireUniqueKeys(tags);
        Optional<PolicyDocument> policy = policyJson.map(json -> PolicyParser.parse(json, PolicyKind.SESSION));
        return new FederationTokenRequest(name, duration, policy, policyArns, tags);
    }

    public Duration lifetimeFor(boolean callerIsRoot) {
        int seconds = durationSeconds.orElse(DEFAULT_DURATION);
        return Duration.ofSeconds(callerIsRoot ? Math.min(seconds, MAX_ROOT_DURATION) : seconds);
    }

    public Optional<String> policyJson() {
        return policy.map(PolicyDocument::json);
    }

    public boolean passesSessionPolicies() {
        return policy.isPresent() || !policyArns.isEmpty();
    }
}
