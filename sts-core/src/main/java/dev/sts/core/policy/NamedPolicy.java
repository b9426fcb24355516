package dev.sts.core.policy;

import java.util.Objects;

/**
 * A parsed policy with the name decisions report it by and the role it plays.
 *
 * @param name e.g. {@code arn:aws:iam::aws:policy/ReadOnlyAccess} or {@code role/Admin/inline/S3Access}
 */
public record NamedPolicy(String name, PolicyType type, PolicyDocument document) {
    public NamedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(document, "document");
    }
}
