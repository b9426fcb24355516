package dev.sts.core.iam;

/** An account: the unit of ownership and isolation, named by a 12-digit id. */
public record Account(String accountId, String alias) {
}
