package dev.sts.core.iam;

/** Checks a policy document against the IAM policy language; refuses with MalformedPolicyDocument. */
@FunctionalInterface
public interface PolicyGrammar {
    void check(String json, DocumentKind kind);

    /** Identity-side documents (inline, managed, boundaries, session policies) or a role's trust policy. */
    enum DocumentKind { IDENTITY, TRUST }
}
