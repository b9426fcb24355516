package dev.sts.core.policy;

/** The role a policy plays in an evaluation. A role's trust policy is the RESOURCE policy of {@code sts:AssumeRole*}. */
public enum PolicyType {
    IDENTITY, PERMISSIONS_BOUNDARY, SESSION, RESOURCE
}
