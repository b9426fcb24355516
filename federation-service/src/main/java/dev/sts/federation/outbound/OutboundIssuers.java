package dev.sts.federation.outbound;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.sts.core.federation.OutboundFederation;
import dev.sts.core.iam.IamRepository;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which account federates outbound, read from the IAM state: by account for signing (never cached here, so a newly
 * enabled account signs at once and a disabled one stops as soon as the IAM view knows), and by issuer id (the last
 * path segment of the issuer identifier) for the public documents, from the list of every such account, cached for
 * {@code ttl} and re-read on a miss at most once a second, so unknown ids cannot hammer Redis.
 */
public final class OutboundIssuers {
    private static final Duration MISS_RELOAD = Duration.ofSeconds(1);
    private static final String ALL = "all";

    private final IamRepository iam;
    private final LoadingCache<String, Map<String, OutboundFederation>> byIssuerId;
    private final LoadingCache<String, Map<String, OutboundFederation>> recentReload;

    public OutboundIssuers(IamRepository iam, Duration ttl) {
        this.iam = iam;
        this.byIssuerId = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1).build(key -> load());
        this.recentReload = Caffeine.newBuilder().expireAfterWrite(MISS_RELOAD).maximumSize(1).build(key -> {
            Map<String, OutboundFederation> fresh = load();
            byIssuerId.put(ALL, fresh);
            return fresh;
        });
    }

    /** The account's outbound federation; empty when it is not enabled. */
    public Optional<OutboundFederation> ofAccount(String account) {
        return iam.findOutboundFederation(account);
    }

    /** The outbound federation whose issuer identifier ends with {@code /issuerId}; empty for none. */
    public Optional<OutboundFederation> ofIssuerId(String issuerId) {
        OutboundFederation known = byIssuerId.get(ALL).get(issuerId);
        if (known != null) {
            return Optional.of(known);
        }
        return Optional.ofNullable(recentReload.get(ALL).get(issuerId));
    }

    /** The last path segment of an issuer identifier: its id in the public documents' paths. */
    public static String issuerId(String issuerIdentifier) {
        return issuerIdentifier.substring(issuerIdentifier.lastIndexOf('/') + 1);
    }

    private Map<String, OutboundFederation> load() {
        return iam.listOutboundFederations().stream()
                .collect(Collectors.toUnmodifiableMap(federation -> issuerId(federation.issuerIdentifier()),
                        Function.identity(), (first, second) -> first));
    }
}
