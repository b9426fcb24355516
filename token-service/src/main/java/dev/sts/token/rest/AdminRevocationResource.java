package dev.sts.token.rest;

import dev.sts.core.error.StsException;
import dev.sts.core.revocation.Revocation;
import dev.sts.token.config.TokenServiceConfig;
import dev.sts.token.revocation.RevocationService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /admin/v1/revocations}: revoke one session ({@code accessKeyId}), every session of a role
 * ({@code roleArn}) or of a principal ({@code principalArn}) issued before {@code issuedBefore} (default:
 * now). Each follows session lineage: it also refuses the sessions derived from what it names (the answer's
 * {@code reaches} says which). For operators and tools ({@code ./sts revoke}); it requires the internal token.
 */
@Path("/admin/v1/revocations")
public class AdminRevocationResource {
    private static final String TOKEN_HEADER = "X-Sts-Internal-Token";

    private final RevocationService revocations;
    private final byte[] internalToken;

    AdminRevocationResource(RevocationService revocations, TokenServiceConfig config) {
        this.revocations = revocations;
        this.internalToken = config.internalToken().getBytes(StandardCharsets.UTF_8);
    }

    public record RevokeRequest(String accessKeyId, String roleArn, String principalArn, String issuedBefore) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@HeaderParam(TOKEN_HEADER) String token, RevokeRequest request) {
        if (token == null || !MessageDigest.isEqual(internalToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        try {
            Revocation revocation = choose(request);
            return Response.ok(Map.of("scope", revocation.scope().name(), "target", revocation.target(),
                    "issuedBefore", revocation.issuedBefore().toString(), "expiresAt", revocation.expiresAt().toString(),
                    "reaches", revocation.reach())).build();
        } catch (StsException refused) {
            return Response.status(refused.errorCode().httpStatus())
                    .entity(Map.of("code", refused.errorCode().code(), "message", refused.getMessage())).build();
        }
    }

    private Revocation choose(RevokeRequest request) {
        if (request == null) {
            throw StsException.validation("a JSON body is required");
        }
        int given = (request.accessKeyId() == null ? 0 : 1) + (request.roleArn() == null ? 0 : 1)
                + (request.principalArn() == null ? 0 : 1);
        if (given != 1) {
            throw StsException.validation("give exactly one of accessKeyId, roleArn, principalArn");
        }
        if (request.accessKeyId() != null) {
            return revocations.revokeSession(request.accessKeyId());
        }
        Optional<Instant> before = Optional.ofNullable(request.issuedBefore()).map(AdminRevocationResource::instant);
        return request.roleArn() != null ? revocations.revokeRoleSessions(request.roleArn(), before)
                : revocations.revokePrincipalSessions(request.principalArn(), before);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw StsException.validation("issuedBefore must be an ISO-8601 instant such as 2026-11-23T17:00:00Z");
        }
    }
}
