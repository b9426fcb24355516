package dev.sts.core.federation;

import dev.sts.core.arn.Arn;
import dev.sts.core.iam.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenID Connect identity provider registered in an account through the IAM API, as AWS keeps one.
 *
 * @param account     the account it is registered in
 * @param url         the issuer without its scheme, {@code HOST[:PORT]/PATH} — what the ARN, the condition keys
 *                    ({@code HOST/PATH:aud}) and GetOpenIDConnectProvider's {@code Url} name
 * @param issuer      the issuer exactly as tokens carry it in {@code iss}: {@code https://HOST/PATH}, or in the local
 *                    profile only, {@code http://127.0.0.1:PORT/…} or {@code http://localhost:PORT/…}
 * @param clientIds   the audiences accepted ({@code aud}, or {@code azp} when {@code aud} is a list), in order given
 * @param thumbprints the server-certificate thumbprints (40 hex digits each), kept as AWS keeps them
 * @param tags        the provider's tags
 * @param createDate  when it was registered
 * @param jwks        beyond AWS: a JWKS document registered with the provider, used instead of fetching the issuer's
 *                    discovery document (a Kubernetes cluster whose issuer is private); null: discovery
 */
public record OidcProvider(String account, String url, String issuer, List<String> clientIds, List<String> thumbprints,
                           List<Tag> tags, Instant createDate, String jwks) {
    public OidcProvider {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(issuer, "issuer");
        clientIds = clientIds == null ? List.of() : List.copyOf(clientIds);
        thumbprints = thumbprints == null ? List.of() : List.copyOf(thumbprints);
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(createDate, "createDate");
    }

    /** The registered JWKS document, when the provider has one instead of discovery. */
    public Optional<String> registeredJwks() {
        return Optional.ofNullable(jwks);
    }

    /** {@code arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH}. */
    public String arn() {
        return arnOf(account, url);
    }

    /** The ARN of the provider for {@code url} ({@code HOST/PATH}, no scheme) in {@code account}. */
    public static String arnOf(String account, String url) {
        return Arn.iam(account, "oidc-provider/" + url).toString();
    }
}
