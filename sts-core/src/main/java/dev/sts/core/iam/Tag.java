package dev.sts.core.iam;

/** A tag on a role, user or session: key 1–128 characters, value 0–256. */
public record Tag(String key, String value) {
}
