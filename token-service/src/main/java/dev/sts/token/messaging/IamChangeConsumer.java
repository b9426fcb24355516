package dev.sts.token.messaging;

import dev.sts.core.auth.CachingSigningKeyDirectory;
import dev.sts.core.iam.IamChange;
import dev.sts.core.store.CachingKeyValueStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code iam.changes.v1} so neither the signing-key cache nor the IAM view serves what changed: the fast
 * path. It is not the only one: the consumer starts at the latest offset and an event can be lost, so the IAM
 * view's records also expire on their own ({@code sts.iam-cache.max-staleness}). An event only ever clears, so
 * one that arrives late, twice or out of order cannot bring back older state.
 */
@ApplicationScoped
public class IamChangeConsumer {
    private final CachingSigningKeyDirectory credentials;
    private final CachingKeyValueStore iamState;

    IamChangeConsumer(CachingSigningKeyDirectory credentials, CachingKeyValueStore iamState) {
        this.credentials = credentials;
        this.iamState = iamState;
    }

    @Incoming("iam-changes")
    public void onChange(String json) {
        iamState.invalidateAll();
        IamChange.fromJson(json).ifPresentOrElse(change -> {
            switch (change.kind()) {
                case ACCESS_KEY -> credentials.invalidate(change.name());
                // A user or account changed: the keys it owns may resolve differently now.
                case USER, ACCOUNT -> credentials.invalidateAll();
                // Roles, policies and MFA devices do not change who a key belongs to.
                default -> {
                }
            }
        }, credentials::invalidateAll);
    }
}
