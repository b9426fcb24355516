package dev.sts.core.policy;

/**
 * What a document is parsed as, which decides the rules it must follow (see {@link PolicyParser}):
 * <ul>
 *   <li>{@link #IDENTITY}, {@link #SESSION}, {@link #BOUNDARY}: no {@code Principal}/{@code NotPrincipal};
 *       exactly one of {@code Resource}/{@code NotResource} in every statement.</li>
 *   <li>{@link #RESOURCE}: exactly one of {@code Principal}/{@code NotPrincipal} in every statement;
 *       {@code Resource}/{@code NotResource} optional (absent = the resource the policy is attached to).</li>
 *   <li>{@link #TRUST}: a role's trust policy: as RESOURCE, but {@code Resource}/{@code NotResource} are
 *       prohibited (IAM: "Has prohibited field Resource"), and so is {@code NotPrincipal}: a trust
 *       policy must name whom it trusts.</li>
 * </ul>
 */
public enum PolicyKind {
    IDENTITY, RESOURCE, TRUST, SESSION, BOUNDARY;

    boolean allowsPrincipal() {
        return this == RESOURCE || this == TRUST;
    }
}
