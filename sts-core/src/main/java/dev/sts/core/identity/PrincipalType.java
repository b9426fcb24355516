package dev.sts.core.identity;

/** The kinds of caller, named as CloudTrail's {@code userIdentity.type} names them. */
public enum PrincipalType {
    ROOT("Root"),
    IAM_USER("IAMUser"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser");

    private final String cloudTrailName;

    PrincipalType(String cloudTrailName) {
        this.cloudTrailName = cloudTrailName;
    }

    public String cloudTrailName() {
        return cloudTrailName;
    }
}
