package dev.sts.policy.action;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.protocol.QueryParameters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, by IAM's {@code MaxItems} (1–1000, default 100) and opaque {@code Marker}.
 * The marker is the position to resume from; lists are sorted, so it is stable between calls.
 */
record Page<T>(List<T> items, boolean truncated, Optional<String> marker) {
    static final int DEFAULT_MAX_ITEMS = 100;

    static <T> Page<T> of(List<T> all, QueryParameters params) {
        int maxItems = params.integer("MaxItems", 1, 1000).orElse(DEFAULT_MAX_ITEMS);
        int from = params.optional("Marker").map(Page::position).orElse(0);
        if (from > all.size()) {
            throw invalidMarker();
        }
        int to = Math.min(all.size(), from + maxItems);
        boolean truncated = to < all.size();
        Optional<String> next = truncated
                ? Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(("p" + to).getBytes(StandardCharsets.US_ASCII)))
                : Optional.empty();
        return new Page<>(all.subList(from, to), truncated, next);
    }

    private static int position(String marker) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.US_ASCII);
            if (!decoded.startsWith("p")) {
                throw invalidMarker();
            }
            int position = Integer.parseInt(decoded.substring(1));
            if (position < 0) {
                throw invalidMarker();
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw invalidMarker();
        }
    }

    private static StsException invalidMarker() {
        return new StsException(StsErrorCode.VALIDATION_ERROR, "Invalid Marker.");
    }
}
