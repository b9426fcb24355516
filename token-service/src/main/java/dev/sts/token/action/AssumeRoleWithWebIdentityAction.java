package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.api.UnsignedCaller;
import dev.sts.core.audit.AuditIdentity;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.SessionStore;
import dev.sts.core.port.WebIdentityValidator;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.RoleAssumption;
import dev.sts.core.sts.TemporaryCredentials;
import dev.sts.core.sts.WebIdentityRequest;
import dev.sts.core.sts.WebIdentityRoleHandler;
import dev.sts.core.sts.WebIdentityRoleHandler.WebIdentitySession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * AssumeRoleWithWebIdentity on the wire, unsigned as on AWS: the parameters to a {@link WebIdentityRequest}, the
 * core's {@link WebIdentityRoleHandler} (the token through federation-service, the trust policy, issuance, the
 * session record), and its result to XML and the audit event, whose caller is the {@code WebIdentityUser} once the
 * token is validated.
 */
@ApplicationScoped
public class AssumeRoleWithWebIdentityAction implements QueryAction {
    private final WebIdentityRoleHandler handler;

    AssumeRoleWithWebIdentityAction(IamRepository iam, WebIdentityValidator validator, RoleAssumption assumption,
                                    SessionStore sessions) {
        this.handler = new WebIdentityRoleHandler(iam, validator, assumption, sessions);
    }

    @Override
    public String name() {
        return "AssumeRoleWithWebIdentity";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public boolean unsigned() {
        return true;
    }

    @Override
    public String unsignedAccount(QueryParameters params) {
        return WebIdentityRequest.roleAccount(params);
    }

    @Override
    public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
        throw new IllegalStateException(name() + " is unsigned: the pipeline calls handleUnsigned, signed or not");
    }

    @Override
    public Result handleUnsigned(InboundRequest request, QueryParameters params, UnsignedCaller caller) {
        WebIdentitySession session = handler.handle(WebIdentityRequest.from(params), request.sourceIp(),
                assertion -> caller.identifiedAs(AuditIdentity.webIdentityUser(assertion.providerUrl(),
                        assertion.audience(), assertion.subject())));
        return result(session);
    }

    private static Result result(WebIdentitySession session) {
        TemporaryCredentials credentials = session.credentials();
        Optional<Integer> packed = session.packedPolicySize() > 0 ? Optional.of(session.packedPolicySize()) : Optional.empty();
        Optional<String> sourceIdentity = session.assertion().sourceIdentity();
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("credentials", CredentialsXml.audited(credentials));
        audited.put("subjectFromWebIdentityToken", session.assertion().subject());
        audited.put("assumedRoleUser", Map.of("assumedRoleId", session.assumedRoleId(), "arn", session.assumedRoleArn()));
        packed.ifPresent(size -> audited.put("packedPolicySize", size));
        audited.put("provider", session.provider());
        audited.put("audience", session.assertion().audience());
        sourceIdentity.ifPresent(source -> audited.put("sourceIdentity", source));
        // The members in the order of botocore's AssumeRoleWithWebIdentityResponse.
        return new Result(xml -> {
            CredentialsXml.write(xml, credentials);
            xml.element("SubjectFromWebIdentityToken", session.assertion().subject());
            xml.start("AssumedRoleUser")
                    .element("AssumedRoleId", session.assumedRoleId())
                    .element("Arn", session.assumedRoleArn())
                    .end("AssumedRoleUser");
            packed.ifPresent(size -> xml.element("PackedPolicySize", size));
            xml.element("Provider", session.provider());
            xml.element("Audience", session.assertion().audience());
            sourceIdentity.ifPresent(source -> xml.element("SourceIdentity", source));
        }, audited);
    }
}
