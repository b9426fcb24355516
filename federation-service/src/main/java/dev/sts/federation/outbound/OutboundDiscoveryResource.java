package dev.sts.federation.outbound;

import dev.sts.core.federation.OutboundFederation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public OpenID Connect documents of each account's outbound issuer (no credential, as any verifier must read
 * them): the discovery document and the JWKS, both cacheable for {@code sts.outbound.jwks-max-age}. An issuer id no
 * account has is 404.
 */
@Path("/outbound/{issuerId}/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class OutboundDiscoveryResource {
    private static final Pattern ISSUER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Logger LOG = Logger.getLogger(OutboundDiscoveryResource.class);

    private final OutboundIssuers issuers;
    private final SigningKeyRing keys;
    private final CacheControl cacheControl;

    OutboundDiscoveryResource(OutboundIssuers issuers, SigningKeyRing keys, OutboundConfig config) {
        this.issuers = issuers;
        this.keys = keys;
        this.cacheControl = new CacheControl();
        cacheControl.setMaxAge((int) config.jwksMaxAge().toSeconds());
        cacheControl.setNoTransform(false);
    }

    @GET
    @Path("openid-configuration")
    public Response openidConfiguration(@PathParam("issuerId") String issuerId) {
        Optional<OutboundFederation> federation = federation(issuerId);
        if (federation.isEmpty()) {
            return notFound();
        }
        String issuer = federation.get().issuerIdentifier();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("response_types_supported", List.of("id_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256", "ES384"));
        document.put("claims_supported", List.of("aud", "exp", "iat", "iss", "jti", "sub", WebIdentityTokenIssuer.NAMESPACE));
        return Response.ok(document).cacheControl(cacheControl).build();
    }

    @GET
    @Path("jwks.json")
    public Response jwks(@PathParam("issuerId") String issuerId) {
        if (federation(issuerId).isEmpty()) {
            return notFound();
        }
        try {
            // toJSONObject(true): the public parameters only, whatever the set holds.
            return Response.ok(keys.publishedKeys().toJSONObject(true)).cacheControl(cacheControl).build();
        } catch (RuntimeException e) {
            // Redis unreachable, or keys that do not read: a verifier retries; never a stack trace.
            LOG.error("Cannot publish the outbound signing keys", e);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("message", "The service is unavailable. Please try again later.")).build();
        }
    }

    private Optional<OutboundFederation> federation(String issuerId) {
        if (!ISSUER_ID.matcher(issuerId).matches()) {
            return Optional.empty();
        }
        try {
            return issuers.ofIssuerId(issuerId);
        } catch (RuntimeException e) {
            throw new WebApplicationException(e.getMessage(), Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("message", "The service is unavailable. Please try again later.")).build());
        }
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).entity(Map.of("message", "No such issuer")).build();
    }
}
