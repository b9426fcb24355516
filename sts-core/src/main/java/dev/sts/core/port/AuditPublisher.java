package dev.sts.core.port;

import dev.sts.core.audit.AuditEvent;

/** Sends an audit event on its way. Must not throw: a failure to audit is reported, never a failed call. */
public interface AuditPublisher {
    void publish(AuditEvent event);
}
