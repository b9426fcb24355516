package dev.sts.policy.rest;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.SecretRewrapReport;
import dev.sts.policy.config.PolicyServiceConfig;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Operators' rotation of the key-encryption key: {@code POST /admin/v1/secrets/rewrap} seals every access-key
 * secret and MFA seed again under the active key ({@link IamRepository#rewrapSecrets}) and answers the counts,
 * never a value. Guarded by the same token check as {@link InternalAccessKeyResource} for now.
 */
@Path("/admin/v1/secrets")
public class SecretsAdminResource {
    private static final Logger LOG = Logger.getLogger(SecretsAdminResource.class);

    private final IamRepository iam;
    private final byte[] internalToken;

    SecretsAdminResource(IamRepository iam, PolicyServiceConfig config) {
        this.iam = iam;
        this.internalToken = config.internalToken().getBytes(StandardCharsets.UTF_8);
    }

    @POST
    @Path("rewrap")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rewrap(@HeaderParam(InternalAccessKeyResource.TOKEN_HEADER) String token) {
        if (token == null || !MessageDigest.isEqual(internalToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        SecretRewrapReport report = iam.rewrapSecrets();
        LOG.infof("Secrets rewrapped under key-encryption key %s: %d rewrapped, %d sealed from plaintext, %d already"
                + " current, %d unreadable", report.activeKeyId(), report.rewrapped(), report.sealed(), report.current(),
                report.unreadable());
        return Response.ok(report).build();
    }
}
