package dev.sts.core.sigv4;

import java.util.Objects;

/**
 * The scope a signing key is derived for: the second to fifth parts of {@code Credential=AKID/20261123/us-east-1/sts/aws4_request}.
 *
 * @param date    {@code yyyyMMdd}, UTC
 * @param region  e.g. {@code us-east-1}
 * @param service e.g. {@code sts}
 */
public record CredentialScope(String date, String region, String service) {
    /** The fixed last part of every scope. */
    public static final String TERMINATOR = "aws4_request";

    public CredentialScope {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
    }

    /** The scope a request signed at {@code time} for {@code region} and {@code service} names. */
    public static CredentialScope at(java.time.Instant time, String region, String service) {
        return new CredentialScope(AmzDate.scopeDate(time), region, service);
    }

    /** {@code date/region/service/aws4_request}, as it appears in the string to sign. */
    @Override
    public String toString() {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }
}
