package dev.sts.audit.archive;

import java.util.Objects;
import java.util.Optional;

/**
 * What a query asks the archive for: one account's events (always; the index is per account), optionally only
 * those of one request id or one event name.
 */
public record EventQuery(String accountId, Optional<String> requestId, Optional<String> eventName) {
    public EventQuery {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(eventName, "eventName");
    }

    public static EventQuery account(String accountId) {
        return new EventQuery(accountId, Optional.empty(), Optional.empty());
    }

    boolean matches(ArchivedEvent event) {
        return accountId.equals(event.accountId()) && requestId.map(id -> id.equals(event.requestId())).orElse(true)
                && eventName.map(name -> name.equals(event.eventName())).orElse(true);
    }
}
