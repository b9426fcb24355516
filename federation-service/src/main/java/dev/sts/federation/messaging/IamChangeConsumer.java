package dev.sts.federation.messaging;

import dev.sts.core.iam.IamChange;
import dev.sts.core.store.CachingKeyValueStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code iam.changes.v1} so the IAM view never serves what changed (a deleted provider, a disabled outbound
 * federation): the fast path; records also expire on their own ({@code sts.iam-cache.max-staleness}) for an event that
 * is lost. An event only ever clears. Each decoded change is also fired as a CDI event ({@link IamChange}), so other
 * parts of the service (the outbound side's caches) can {@code @Observes} it: a channel has one consumer.
 */
@ApplicationScoped
public class IamChangeConsumer {
    private final CachingKeyValueStore iamState;
    private final Event<IamChange> changes;

    IamChangeConsumer(CachingKeyValueStore iamState, Event<IamChange> changes) {
        this.iamState = iamState;
        this.changes = changes;
    }

    @Incoming("iam-changes")
    public void onChange(String json) {
        iamState.invalidateAll();
        IamChange.fromJson(json).ifPresent(changes::fire);
    }
}
