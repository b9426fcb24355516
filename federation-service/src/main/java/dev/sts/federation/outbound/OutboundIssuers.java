package dev.sts.federation.outbound;

import dev.sts.core.federation.OutboundFederation;
import dev.sts.core.iam.IamRepository;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which account federates outbound, read from the IAM state: by account for signing (not cached here, so a newly
 * enabled account signs at once and a disabled one stops as soon as the IAM view knows), and by issuer id (the last
 * path segment of the issuer identifier) for the public documents, from the list of every such account, kept for
 * {@code ttl}. An id not in the list re-reads it, unless a re-read began after the request arrived (requests for
 * unknown ids share one re-read at a time, so a flood of them costs one list read after another, never many at once).
 */
public final class OutboundIssuers {
    private final IamRepository iam;
    private final long ttlNanos;
    private volatile Snapshot snapshot;

    /** The list as read by a load that began at {@code startedAt} ({@link System#nanoTime()}). */
    private record Snapshot(Map<String, OutboundFederation> byIssuerId, long startedAt) {
    }

    public OutboundIssuers(IamRepository iam, Duration ttl) {
        this.iam = iam;
        this.ttlNanos = ttl.toNanos();
    }

    /** The account's outbound federation; empty when it is not enabled. */
    public Optional<OutboundFederation> ofAccount(String account) {
        return iam.findOutboundFederation(account);
    }

    /** The outbound federation whose issuer identifier ends with {@code /issuerId}; empty for none. */
    public Optional<OutboundFederation> ofIssuerId(String issuerId) {
        long arrived = System.nanoTime();
        Snapshot current = snapshot;
        if (current == null || arrived - current.startedAt() > ttlNanos || !current.byIssuerId().containsKey(issuerId)) {
            current = reloadUnlessNewerThan(arrived);
        }
        return Optional.ofNullable(current.byIssuerId().get(issuerId));
    }

    /**
     * Whether {@code iss} is one of this platform's outbound issuers: GetWebIdentityToken's tokens are not accepted by
     * AssumeRoleWithWebIdentity (as on AWS), so the inbound validation refuses a token whose issuer this is, even when
     * a provider was registered for that URL.
     */
    public boolean issuedHere(String iss) {
        if (iss == null || iss.isEmpty()) {
            return false;
        }
        return ofIssuerId(issuerId(iss)).map(federation -> federation.issuerIdentifier().equals(iss)).orElse(false);
    }

    /** The last path segment of an issuer identifier: its id in the public documents' paths. */
    public static String issuerId(String issuerIdentifier) {
        return issuerIdentifier.substring(issuerIdentifier.lastIndexOf('/') + 1);
    }

    private synchronized Snapshot reloadUnlessNewerThan(long arrived) {
        Snapshot current = snapshot;
        if (current != null && current.startedAt() - arrived >= 0) {
            return current;
        }
        long startedAt = System.nanoTime();
        Map<String, OutboundFederation> byIssuerId = iam.listOutboundFederations().stream()
                .collect(Collectors.toUnmodifiableMap(federation -> issuerId(federation.issuerIdentifier()),
                        Function.identity(), (first, second) -> first));
        current = new Snapshot(byIssuerId, startedAt);
        snapshot = current;
        return current;
    }
}
