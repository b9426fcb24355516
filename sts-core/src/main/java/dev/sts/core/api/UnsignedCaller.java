package dev.sts.core.api;

import dev.sts.core.audit.AuditIdentity;

import java.util.Objects;

/**
 * Who an {@link QueryAction#unsigned() unsigned} call comes from, as far as its action has learned: nothing at first
 * (the audit record then says {@code Unknown}), then, once the action has validated the caller's token or
 * assertion, the identity CloudTrail records for it (e.g. {@link AuditIdentity#webIdentityUser}). One per call, used
 * by one thread.
 */
public final class UnsignedCaller {
    private final String account;
    private AuditIdentity identity;

    /** @param account the account the call is made against ({@link QueryAction#unsignedAccount}) */
    public UnsignedCaller(String account) {
        this.account = Objects.requireNonNull(account, "account");
    }

    /** The account the call is made against: the audit record's recipient account. */
    public String account() {
        return account;
    }

    /** Records who the caller turned out to be. */
    public void identifiedAs(AuditIdentity identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /** The caller's audit identity: {@code Unknown} until the action has {@link #identifiedAs identified} it. */
    public AuditIdentity auditIdentity() {
        return identity == null ? AuditIdentity.unknown(null) : identity;
    }
}
