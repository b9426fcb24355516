package dev.sts.core.arn;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

import java.util.Objects;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account:resource}.
 * The resource part keeps its colons and slashes; only the first five separators split.
 */
public record Arn(String partition, String service, String region, String account, String resource) {
    public static final int MAX_LENGTH = 2048;

    public Arn {
        Objects.requireNonNull(partition);
        Objects.requireNonNull(service);
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(resource);
    }

    /** Parses an ARN, answering ValidationError for anything that is not one. */
    public static Arn parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !text.startsWith("arn:")) {
            throw invalid(text);
        }
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
            throw invalid(text);
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    public static Arn iam(String account, String resource) {
        return new Arn("aws", "iam", "", account, resource);
    }

    public static Arn sts(String account, String resource) {
        return new Arn("aws", "sts", "", account, resource);
    }

    /** The resource type: the text before the first '/' or ':' ("user", "role", "assumed-role"). */
    public String resourceType() {
        int cut = resource.length();
        int slash = resource.indexOf('/');
        int colon = resource.indexOf(':');
        if (slash >= 0) {
            cut = slash;
        }
        if (colon >= 0 && colon < cut) {
            cut = colon;
        }
        return resource.substring(0, cut);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ':' + service + ':' + region + ':' + account + ':' + resource;
    }

    private static StsException invalid(String text) {
        String shown = text == null ? "null" : text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return new StsException(StsErrorCode.VALIDATION_ERROR, shown + " is not a valid ARN.");
    }
}
