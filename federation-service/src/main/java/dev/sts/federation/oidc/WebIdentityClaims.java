package dev.sts.federation.oidc;

import dev.sts.core.federation.OidcProvider;
import dev.sts.core.federation.WebIdentityAssertion;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.Tag;
import dev.sts.core.protocol.ParameterConstraints;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of a signed token's claims against its provider and the clock, and the {@link WebIdentityAssertion} they
 * become. The claims are the parsed JSON payload (strings, numbers, booleans, lists and maps), already known to be
 * signed by the provider's issuer.
 *
 * <ul>
 *   <li>{@code exp} required: past it (beyond the skew) is ExpiredTokenException; {@code nbf} after now, or {@code iat}
 *       (required) after now, beyond the skew, is InvalidIdentityToken.</li>
 *   <li>{@code sub} required, 1–255 characters.</li>
 *   <li>{@code aud} a string that is a registered client id; or a list, in which {@code azp} (when present) must be and
 *       be registered, else the first registered value is the audience.</li>
 *   <li>{@code amr} a string or a list of strings.</li>
 *   <li>Session tags from {@code https://aws.amazon.com/tags} ({@code principal_tags}: key → [value];
 *       {@code transitive_tag_keys}: keys among them); AWS's tag limits (50 tags, keys 1–128 and values 0–256 of
 *       AWS's character set, keys unique ignoring case).</li>
 *   <li>Kubernetes service-account tokens: the {@code kubernetes.io} claim's namespace, service account and pod become
 *       the tags {@code kubernetes-namespace}, {@code kubernetes-service-account}, {@code kubernetes-pod-name},
 *       {@code kubernetes-pod-uid}; a tag claim naming one of those keys is refused, never silently overridden.</li>
 *   <li>{@code https://aws.amazon.com/source_identity}: AWS's SourceIdentity shape (2–64 of {@code [\w+=,.@-]}).</li>
 * </ul>
 */
final class WebIdentityClaims {
    static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";
    static final String KUBERNETES_CLAIM = "kubernetes.io";
    static final String TAG_NAMESPACE = "kubernetes-namespace";
    static final String TAG_SERVICE_ACCOUNT = "kubernetes-service-account";
    static final String TAG_POD_NAME = "kubernetes-pod-name";
    static final String TAG_POD_UID = "kubernetes-pod-uid";
    static final int MAX_TAGS = 50;
    static final int MAX_SUBJECT = 255;
    static final int MAX_LIST = 100;
    static final int MAX_CLAIM_STRING = 2048;

    private WebIdentityClaims() {
    }

    static WebIdentityAssertion assertion(OidcProvider provider, Map<String, Object> claims, Instant now, Duration skew) {
        long nowSeconds = now.getEpochSecond();
        long expiresAt = requiredTime(claims, "exp");
        if (nowSeconds > expiresAt + skew.toSeconds()) {
            throw WebIdentityRefusals.expired(nowSeconds, expiresAt);
        }
        Long notBefore = optionalTime(claims, "nbf");
        if (notBefore != null && notBefore > nowSeconds + skew.toSeconds()) {
            throw WebIdentityRefusals.invalid("The token is not valid yet (nbf is in the future)");
        }
        long issuedAt = requiredTime(claims, "iat");
        if (issuedAt > nowSeconds + skew.toSeconds()) {
            throw WebIdentityRefusals.invalid("The token was issued in the future (iat)");
        }
        Object sub = claims.get("sub");
        if (!(sub instanceof String subject) || subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            throw WebIdentityRefusals.invalid("The token's subject (sub) is missing or longer than " + MAX_SUBJECT + " characters");
        }
        List<String> audiences;
        String audience;
        Object aud = claims.get("aud");
        if (aud instanceof String single) {
            audiences = List.of(single);
            audience = provider.clientIds().contains(single) ? single : null;
        } else if (aud instanceof List<?>) {
            audiences = strings(aud, "aud");
            Object azp = claims.get("azp");
            if (azp != null) {
                audience = azp instanceof String party && audiences.contains(party) && provider.clientIds().contains(party)
                        ? party : null;
            } else {
                audience = audiences.stream().filter(provider.clientIds()::contains).findFirst().orElse(null);
            }
        } else {
            audiences = List.of();
            audience = null;
        }
        if (audience == null) {
            throw WebIdentityRefusals.audience();
        }
        Object amrClaim = claims.get("amr");
        List<String> amr = amrClaim == null || (amrClaim instanceof List<?> none && none.isEmpty()) ? List.of()
                : amrClaim instanceof String one ? List.of(one) : strings(amrClaim, "amr");

        Map<String, Tag> tags = new LinkedHashMap<>();
        kubernetesTags(claims.get(KUBERNETES_CLAIM)).forEach(tag -> tags.put(tag.key().toLowerCase(Locale.ROOT), tag));
        List<String> transitive = List.of();
        Object tagClaim = claims.get(TAGS_CLAIM);
        if (tagClaim != null) {
            transitive = sessionTags(tagClaim, tags);
        }
        Optional<String> sourceIdentity = Optional.empty();
        Object source = claims.get(SOURCE_IDENTITY_CLAIM);
        if (source != null) {
            if (!(source instanceof String id) || !ParameterConstraints.SOURCE_IDENTITY.pattern().matcher(id).matches()
                    || id.length() < 2 || id.length() > 64) {
                throw WebIdentityRefusals.invalid("The source identity claim must be 2-64 characters of [\\w+=,.@-]");
            }
            sourceIdentity = Optional.of(id);
        }
        return new WebIdentityAssertion(provider.arn(), provider.url(), provider.issuer(), subject, audience, audiences,
                amr, Instant.ofEpochSecond(issuedAt), Instant.ofEpochSecond(expiresAt), List.copyOf(tags.values()),
                transitive, sourceIdentity);
    }

    /** The tags of the {@code https://aws.amazon.com/tags} claim, added to {@code tags}; its transitive keys. */
    private static List<String> sessionTags(Object claim, Map<String, Tag> tags) {
        if (!(claim instanceof Map<?, ?> object) || !object.keySet().stream().allMatch(
                key -> key.equals("principal_tags") || key.equals("transitive_tag_keys"))) {
            throw tagsRefused("must be an object with principal_tags and transitive_tag_keys only");
        }
        Object principal = object.get("principal_tags");
        if (principal != null) {
            if (!(principal instanceof Map<?, ?> principalTags)) {
                throw tagsRefused("principal_tags must be an object");
            }
            if (principalTags.size() + tags.size() > MAX_TAGS) {
                throw tagsRefused("holds more than " + MAX_TAGS + " tags");
            }
            for (Map.Entry<?, ?> entry : principalTags.entrySet()) {
                String key = (String) entry.getKey();
                if (!(entry.getValue() instanceof List<?> values) || values.size() != 1
                        || !(values.get(0) instanceof String value)) {
                    throw tagsRefused("each principal tag's value must be a list of one string");
                }
                if (key.isEmpty() || key.length() > 128 || !ParameterConstraints.TAG_KEY.pattern().matcher(key).matches()
                        || value.length() > 256 || !ParameterConstraints.TAG_VALUE.pattern().matcher(value).matches()) {
                    throw tagsRefused("a tag key or value is not a valid tag (keys 1-128, values 0-256 characters"
                            + " of letters, digits, spaces and _.:/=+-@)");
                }
                if (tags.putIfAbsent(key.toLowerCase(Locale.ROOT), new Tag(key, value)) != null) {
                    throw tagsRefused("a tag key appears twice, or names a tag the token's kubernetes.io claim sets");
                }
            }
        }
        Object transitive = object.get("transitive_tag_keys");
        if (transitive == null) {
            return List.of();
        }
        List<String> keys = strings(transitive, "transitive_tag_keys");
        if (keys.size() > MAX_TAGS || !keys.stream().allMatch(key -> tags.containsKey(key.toLowerCase(Locale.ROOT)))) {
            throw tagsRefused("transitive_tag_keys must name principal tags");
        }
        return keys;
    }

    private static List<Tag> kubernetesTags(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (!(claim instanceof Map<?, ?> kubernetes)) {
            throw WebIdentityRefusals.invalid("The kubernetes.io claim must be an object");
        }
        List<Tag> tags = new ArrayList<>();
        addTag(tags, TAG_NAMESPACE, kubernetes.get("namespace"));
        if (kubernetes.get("serviceaccount") instanceof Map<?, ?> account) {
            addTag(tags, TAG_SERVICE_ACCOUNT, account.get("name"));
        }
        if (kubernetes.get("pod") instanceof Map<?, ?> pod) {
            addTag(tags, TAG_POD_NAME, pod.get("name"));
            addTag(tags, TAG_POD_UID, pod.get("uid"));
        }
        return tags;
    }

    private static void addTag(List<Tag> tags, String key, Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof String text) || text.length() > 256
                || !ParameterConstraints.TAG_VALUE.pattern().matcher(text).matches()) {
            throw WebIdentityRefusals.invalid("The kubernetes.io claim holds a value that cannot be a session tag");
        }
        tags.add(new Tag(key, text));
    }

    private static StsException tagsRefused(String why) {
        return WebIdentityRefusals.invalid("The " + TAGS_CLAIM + " claim " + why);
    }

    private static long requiredTime(Map<String, Object> claims, String name) {
        Long value = optionalTime(claims, name);
        if (value == null) {
            throw WebIdentityRefusals.invalid("The token has no " + name + " claim");
        }
        return value;
    }

    private static Long optionalTime(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw WebIdentityRefusals.invalid("The token's " + name + " claim is not a number of seconds");
        }
        return number instanceof Long whole ? whole : (long) Math.floor(number.doubleValue());
    }

    private static List<String> strings(Object value, String name) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LIST) {
            throw WebIdentityRefusals.invalid("The token's " + name + " claim must be a string or a list of 1-" + MAX_LIST
                    + " strings");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text) || text.length() > MAX_CLAIM_STRING) {
                throw WebIdentityRefusals.invalid("The token's " + name + " claim must hold strings only");
            }
            strings.add(text);
        }
        return List.copyOf(strings);
    }
}
