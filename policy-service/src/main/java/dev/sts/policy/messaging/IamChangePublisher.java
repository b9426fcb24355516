package dev.sts.policy.messaging;

import dev.sts.core.iam.IamChange;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;

/** Publishes IAM changes on {@code iam.changes.v1}, keyed by account, for every reader's cache. */
@ApplicationScoped
public class IamChangePublisher {
    private static final Logger LOG = Logger.getLogger(IamChangePublisher.class);

    @Inject
    @Channel("iam-changes")
    Emitter<String> emitter;

    public void publish(IamChange change) {
        Message<String> message = Message.of(change.toJson())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(change.account()).build())
                .withNack(failure -> {
                    LOG.errorf("IAM change %s (%s %s) was not published: %s", change.eventId(), change.kind(),
                            change.name(), failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
    }
}
