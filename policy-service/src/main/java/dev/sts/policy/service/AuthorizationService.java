package dev.sts.policy.service;

import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.authz.AuthorizationQuery;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.authz.DecodedAuthorizationMessage;
import dev.sts.core.authz.IamActionContext;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamSigningKeyDirectory;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamUser;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.policy.Decision;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sigv4.SignatureClaim;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.core.token.AuthorizationMessageCodec;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.policy.config.PolicyServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decisions for resource services: who made a request (by checking the SigV4 signature they forward, or
 * by a principal they name) and whether that principal may perform the action on the resource. A denial
 * carries an encoded authorization message that {@code sts:DecodeAuthorizationMessage} reveals.
 */
@ApplicationScoped
public class AuthorizationService {
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    private static final int MAX_SERVICES = 256;

    private final IamRepository iam;
    private final CallerAuthorization authorization;
    private final IamActionContext iamKeys;
    private final SessionTokenCodec sessions;
    private final AuthorizationMessageCodec messages;
    private final SigV4Verifier verifier;
    private final RevocationList revocations;
    private final Clock clock;
    private final ConcurrentHashMap<String, RequestAuthenticator> authenticators = new ConcurrentHashMap<>();
    /** Per service and region; each verifier caches the signing keys of its own region. */
    private final ConcurrentHashMap<String, RequestAuthenticator> regionalAuthenticators = new ConcurrentHashMap<>();

    AuthorizationService(IamRepository iam, CallerAuthorization authorization, IamActionContext iamKeys,
                         PolicyServiceConfig config, RevocationList revocations, Clock clock) {
        TokenKeyRing ring = TokenKeyRing.parse(config.tokenKeys());
        this.iam = iam;
        this.authorization = authorization;
        this.iamKeys = iamKeys;
        this.sessions = new SessionTokenCodec(ring);
        this.messages = new AuthorizationMessageCodec(ring);
        this.verifier = new SigV4Verifier(clock);
        this.revocations = revocations;
        this.clock = clock;
    }

    /** The verdict on a request: the caller it was made by, the decision, and for a denial the sealed details. */
    public record Verdict(CallerIdentity caller, Decision decision, Optional<String> encodedMessage) {
    }

    /**
     * @param service the SigV4 signing name the request was signed for (e.g. {@code s3}, {@code execute-api})
     * @throws StsException the AWS error the resource service should answer with when the signature does not hold
     */
    public Verdict authorizeSigned(SignedRequest request, String service, AuthorizationQuery query) {
        if (!SERVICE.matcher(service).matches()) {
            throw StsException.validation("service must be a SigV4 signing name such as s3");
        }
        SignatureClaim claim = SigV4Parser.parse(request);
        if (authenticators.size() >= MAX_SERVICES && !authenticators.containsKey(service)) {
            authenticators.clear();
        }
        AuthenticatedCaller caller = authenticators.computeIfAbsent(service, name -> new RequestAuthenticator(verifier,
                sessions, new IamSigningKeyDirectory(iam), revocations, clock, name))
                .authenticate(request, claim);
        return decide(caller, query);
    }

    /**
     * As {@link #authorizeSigned(SignedRequest, String, AuthorizationQuery)} for a request made to an endpoint of
     * one region: the signature's scope must also name {@code region}, as AWS requires of a regional endpoint.
     *
     * @param region the region of the endpoint the request was made to (e.g. {@code us-east-1})
     */
    public Verdict authorizeSignedForRegion(SignedRequest request, String service, String region, AuthorizationQuery query) {
        if (!SERVICE.matcher(service).matches() || region == null || !REGION.matcher(region).matches()) {
            throw StsException.validation("service and region must be a SigV4 signing name and a region such as us-east-1");
        }
        SignatureClaim claim = SigV4Parser.parse(request);
        String key = service + "/" + region;
        if (regionalAuthenticators.size() >= MAX_SERVICES && !regionalAuthenticators.containsKey(key)) {
            regionalAuthenticators.clear();
        }
        AuthenticatedCaller caller = regionalAuthenticators.computeIfAbsent(key, ignored -> new RequestAuthenticator(
                new SigV4Verifier(clock, region), sessions, new IamSigningKeyDirectory(iam),
                revocations, clock, service)).authenticate(request, claim);
        return decide(caller, query);
    }

    /** For a principal the resource service has already authenticated itself: an IAM user's or a root's ARN. */
    public Verdict authorizePrincipal(String principalArn, AuthorizationQuery query) {
        Arn arn = Arn.parse(principalArn);
        CallerIdentity identity;
        if (arn.service().equals("iam") && arn.resource().equals("root")) {
            identity = iam.findAccount(arn.account()).map(account -> CallerIdentity.root(account.accountId()))
                    .orElseThrow(() -> noSuchPrincipal(principalArn));
        } else if (arn.service().equals("iam") && arn.resourceType().equals("user")) {
            String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
            identity = iam.findUser(arn.account(), name).filter(user -> user.arn().equals(principalArn))
                    .map(IamUser::asCaller).orElseThrow(() -> noSuchPrincipal(principalArn));
        } else {
            throw new StsException(StsErrorCode.INVALID_INPUT,
                    "principalArn must name an IAM user or an account root; sessions are authorized by their signed requests");
        }
        return decide(new AuthenticatedCaller(identity, "", Optional.empty()), query);
    }

    private Verdict decide(AuthenticatedCaller caller, AuthorizationQuery asked) {
        // An IAM action is decided with the keys IAM state gives it (its target's tags and boundary), as the
        // IAM API and the simulator decide it.
        AuthorizationQuery query = asked.action().regionMatches(true, 0, "iam:", 0, 4)
                ? asked.withActionKeys(iamKeys.ofSimulation(asked.action().substring(4), asked.resource(),
                caller.identity().account()))
                : asked;
        Decision decision = authorization.decide(caller, query);
        Optional<String> message = decision.allowed() ? Optional.empty()
                : Optional.of(messages.encode(DecodedAuthorizationMessage.of(caller.identity(), query, decision)));
        return new Verdict(caller.identity(), decision, message);
    }

    private static StsException noSuchPrincipal(String arn) {
        return new StsException(StsErrorCode.NO_SUCH_ENTITY, "No such principal: " + arn);
    }
}
