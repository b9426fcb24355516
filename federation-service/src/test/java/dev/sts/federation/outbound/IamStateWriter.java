package dev.sts.federation.outbound;

import dev.sts.core.federation.OutboundFederation;
import dev.sts.core.iam.IamRepository;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes outbound federation records as policy-service, their owner, does (federation-service's own Redis user may
 * only read them), then clears federation-service's cached IAM view, as the change event policy-service publishes
 * would: just enough for the tests' set-up.
 */
final class IamStateWriter {
    private final IamRepository iam = dev.sts.federation.IamStateWriter.repository();
    private final Runnable viewChanged;

    /** @param viewChanged clears federation-service's IAM view (its cache's {@code invalidateAll}) */
    IamStateWriter(Runnable viewChanged) {
        this.viewChanged = viewChanged;
    }

    static String randomAccount() {
        return String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
    }

    /** Enables outbound federation for {@code account}, with an issuer identifier as policy-service makes them. */
    OutboundFederation enableOutbound(String account) {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        OutboundFederation federation = new OutboundFederation(account,
                "http://127.0.0.1:8091/outbound/" + HexFormat.of().formatHex(id), Instant.now());
        if (!iam.enableOutboundFederation(federation)) {
            throw new IllegalStateException("already enabled: " + account);
        }
        viewChanged.run();
        return federation;
    }
}
