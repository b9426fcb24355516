package dev.sts.policy.rest;

import dev.sts.core.iam.AccessKeyResolution;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.iam.IamRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


/**
 * The internal API token-service uses to verify signatures made with long-term keys. It hands out secrets, so
 * it answers only key-resolution credentials ({@code X-Sts-Internal-Token}), checked for every {@code /internal/*}
 * path by {@link ServiceCredentialRoutes} before this runs.
 */
@Path("/internal/v1/access-keys")
public class InternalAccessKeyResource {
    private final IamRepository iam;

    InternalAccessKeyResource(IamRepository iam) {
        this.iam = iam;
    }

    @GET
    @Path("{accessKeyId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response credential(@PathParam("accessKeyId") String accessKeyId) {
        return AccessKeyResolution.resolve(iam, accessKeyId)
                .map(credential -> Response.ok(CredentialView.of(credential)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    /** The wire form of a {@link LongTermCredential}; its record's toString hides the secret, Jackson must not. */
    public record CredentialView(String accessKeyId, String secretAccessKey, boolean active, String account,
                                 String arn, String userId, String type, String name) {
        static CredentialView of(LongTermCredential c) {
            return new CredentialView(c.accessKeyId(), c.secretAccessKey(), c.active(), c.owner().account(),
                    c.owner().arn(), c.owner().userId(), c.owner().type().name(), c.owner().name());
        }
    }
}
