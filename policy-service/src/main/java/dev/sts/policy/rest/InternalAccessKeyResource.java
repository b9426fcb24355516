package dev.sts.policy.rest;

import dev.sts.core.auth.SigningKeyWindow;
import dev.sts.core.iam.IamSigningKeyDirectory;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.LongTermSigningKey;
import dev.sts.core.id.AccessKeyKind;
import dev.sts.core.sigv4.CredentialScope;
import dev.sts.policy.config.PolicyServiceConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Key resolution for token-service, which verifies signatures made with long-term keys: the SigV4 signing key
 * derived from an access key's secret for one date, region and service, and the key's owner. The secret never
 * leaves this service. Only scopes the {@link SigningKeyWindow} allows are answered (today's UTC date or the day
 * either side, an STS endpoint's region, the sts service only), so an answer is a credential for a day and a service
 * at most. Only key-resolution credentials reach it: {@link ServiceCredentialRoutes} checks every
 * {@code /internal/*} path first.
 */
@Path("/internal/v1/access-keys")
public class InternalAccessKeyResource {
    private static final int MAX_SCOPE_PART = 64;
    /**
     * The services whose keys are derived for remote verifiers: STS only. IAM and the audit API verify their own
     * signatures here, in this process, so an IAM-scoped key never leaves it: a leaked key-resolution credential
     * cannot be turned into a key that signs IAM calls (CreateAccessKey) as any user.
     */
    static final Set<String> REMOTE_SERVICES = Set.of("sts");

    private final IamSigningKeyDirectory keys;
    private final SigningKeyWindow window;

    InternalAccessKeyResource(IamRepository iam, PolicyServiceConfig config, Clock clock) {
        this.keys = new IamSigningKeyDirectory(iam);
        this.window = new SigningKeyWindow(clock, config.keyResolution().regions(), REMOTE_SERVICES);
    }

    /**
     * @return 200 with a {@link SigningKeyView}; 400 for a malformed id or a scope outside the window; 404 for an unknown key (or one whose owner is gone)
     */
    @GET
    @Path("{accessKeyId}/signing-key")
    @Produces(MediaType.APPLICATION_JSON)
    public Response signingKey(@PathParam("accessKeyId") String accessKeyId, @QueryParam("date") String date,
                               @QueryParam("region") String region, @QueryParam("service") String service) {
        if (AccessKeyKind.of(accessKeyId) != AccessKeyKind.LONG_TERM) {
            return refused("accessKeyId must be a long-term (AKIA) key id");
        }
        if (!bounded(date) || !bounded(region) || !bounded(service)) {
            return refused("date, region and service are required");
        }
        CredentialScope scope = new CredentialScope(date, region, service);
        Optional<String> refusal = window.refusal(scope);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        return keys.find(accessKeyId, scope)
                .map(key -> Response.ok(SigningKeyView.of(key)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    static Response refused(String reason) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", reason)).build();
    }

    private static boolean bounded(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_SCOPE_PART;
    }

    /**
     * The wire form of a {@link LongTermSigningKey}: the signing key in base64 for exactly the scope it names, and
     * the owner. There is no secret to leak.
     */
    public record SigningKeyView(String accessKeyId, String date, String region, String service, String signingKey,
                                 boolean active, String account, String arn, String userId, String type, String name) {
        static SigningKeyView of(LongTermSigningKey k) {
            return new SigningKeyView(k.accessKeyId(), k.scope().date(), k.scope().region(), k.scope().service(),
                    Base64.getEncoder().encodeToString(k.signingKey()), k.active(), k.owner().account(),
                    k.owner().arn(), k.owner().userId(), k.owner().type().name(), k.owner().name());
        }

        /** Keeps the signing key out of logs and messages. */
        @Override
        public String toString() {
            return "SigningKeyView[" + accessKeyId + " " + date + "/" + region + "/" + service + ", signingKey=***]";
        }
    }
}
