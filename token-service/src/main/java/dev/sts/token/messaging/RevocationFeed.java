package dev.sts.token.messaging;

import dev.sts.core.revocation.Revocation;
import dev.sts.core.revocation.RevocationList;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * {@code sts.revocations.v1}: every instance publishes the revocations it accepts and applies everyone's,
 * so a revoked session is refused everywhere within moments. Each instance reads the topic from the start
 * with its own group, so none misses one made while it was starting.
 */
@ApplicationScoped
public class RevocationFeed {
    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);

    private final RevocationList revocations;

    @Inject
    @Channel("revocations-out")
    Emitter<String> emitter;

    RevocationFeed(RevocationList revocations) {
        this.revocations = revocations;
    }

    public void publish(Revocation revocation) {
        emitter.send(Message.of(revocation.toJson())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(revocation.key()).build()));
    }

    @Incoming("revocations")
    public void onRevocation(String json) {
        Revocation.fromJson(json).ifPresentOrElse(revocation -> {
            // The list combines it with any in force: a record that would shorten or undo one changes nothing.
            if (!revocations.apply(revocation)) {
                LOG.debugf("Ignoring %s on %s: expired, or no stronger than the revocation in force",
                        revocation.key(), Revocation.TOPIC);
            }
        }, () -> LOG.errorf("Ignoring a record on %s that is not a revocation", Revocation.TOPIC));
    }
}
