package dev.sts.federation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.error.StsException;
import dev.sts.federation.oidc.WebIdentityTokenValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /internal/v1/web-identity/validate}: token-service asks whether a web identity token is good for a role
 * of {@code account}. Body {@code {"account": "123456789012", "token": "<JWT>", "providerId": null}}; answers 200 with
 * the core {@code WebIdentityAssertion}'s JSON, or the refusal as {@code {"code", "message"}} with its AWS status
 * (InvalidIdentityToken, ExpiredTokenException, IDPCommunicationError). Guarded by {@link InternalApiFilter}.
 */
@Path("/internal/v1/web-identity/validate")
public class WebIdentityValidationResource {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final int MAX_PROVIDER_ID = 2048;

    /** The request body; unknown fields are refused. */
    public record ValidateRequest(String account, String token, String providerId) {
    }

    private final WebIdentityTokenValidator validator;

    WebIdentityValidationResource(WebIdentityTokenValidator validator) {
        this.validator = validator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String validate(String body) {
        ValidateRequest request;
        try {
            request = JSON.readValue(body, ValidateRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw StsException.validation("The body must be {\"account\", \"token\", \"providerId\"} as JSON");
        }
        if (request == null || request.account() == null || !ACCOUNT.matcher(request.account()).matches()) {
            throw StsException.validation("account must be a 12-digit account id");
        }
        if (request.token() == null) {
            throw StsException.validation("token is required");
        }
        if (request.providerId() != null && (request.providerId().length() < 4 || request.providerId().length() > MAX_PROVIDER_ID)) {
            throw StsException.validation("providerId must be 4-" + MAX_PROVIDER_ID + " characters");
        }
        return validator.validate(request.account(), request.token(), Optional.ofNullable(request.providerId())).toJson();
    }
}
