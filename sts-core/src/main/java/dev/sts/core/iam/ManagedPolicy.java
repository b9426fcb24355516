package dev.sts.core.iam;

import dev.sts.core.arn.Arn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A managed policy: a named, versioned policy that can be attached to several roles and users.
 * AWS managed policies live in the pseudo-account {@code aws}.
 *
 * @param versions at most 5; exactly one of them is the default (the one in force)
 */
public record ManagedPolicy(String account, String policyName, String path, String policyId, Instant createDate,
                            Instant updateDate, String description, String defaultVersionId, List<PolicyVersion> versions) {
    public static final String AWS_ACCOUNT = "aws";
    public static final int MAX_VERSIONS = 5;

    public ManagedPolicy {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    public String arn() {
        return Arn.iam(account, "policy" + path + policyName).toString();
    }

    public boolean awsManaged() {
        return AWS_ACCOUNT.equals(account);
    }

    public Optional<PolicyVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    public PolicyVersion defaultVersion() {
        return version(defaultVersionId).orElseThrow();
    }

    public ManagedPolicy withVersions(List<PolicyVersion> newVersions, String newDefaultVersionId, Instant now) {
        return new ManagedPolicy(account, policyName, path, policyId, createDate, now, description, newDefaultVersionId,
                newVersions);
    }

    /** One version of a managed policy's document. */
    public record PolicyVersion(String versionId, String document, Instant createDate) {
    }
}
