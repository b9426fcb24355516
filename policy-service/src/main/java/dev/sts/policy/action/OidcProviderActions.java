package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.federation.OidcProvider;
import dev.sts.core.federation.OidcProviderRules;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.Tag;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.ValidationErrors;
import dev.sts.policy.messaging.IamChangePublisher;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.sts.policy.action.IamParams.account;

/**
 * The OpenID Connect provider actions of the IAM API: register an issuer with its client ids (audiences),
 * thumbprints and tags, read, list, change and delete it. Each is authorized against the provider's ARN
 * ({@code arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH}); the listing against {@code *}, as AWS lists it. The rules
 * (URL, lists, quotas) are the core's {@link OidcProviderRules}; federation-service reads what is stored here.
 */
final class OidcProviderActions {
    private static final String ARN = "OpenIDConnectProviderArn";
    /** Beyond AWS: CreateOpenIDConnectProvider's optional registered JWKS document (no AWS SDK sends it). */
    static final String JWKS = "Jwks";

    private final IamRepository iam;
    private final IamRules rules;
    private final OidcProviderRules oidcRules;
    private final IamChangePublisher changes;
    private final Clock clock;

    OidcProviderActions(IamRepository iam, IamRules rules, OidcProviderRules oidcRules, IamChangePublisher changes,
                        Clock clock) {
        this.iam = iam;
        this.rules = rules;
        this.oidcRules = oidcRules;
        this.changes = changes;
        this.clock = clock;
    }

    List<IamAction> actions() {
        IamAction.ResourceOf provider = (caller, params) -> params.optional(ARN).orElse("*");
        return List.of(
                IamAction.writing("CreateOpenIDConnectProvider", this::newProviderArn, this::create),
                IamAction.reading("GetOpenIDConnectProvider", provider, this::get),
                IamAction.reading("ListOpenIDConnectProviders", (caller, params) -> "*", this::list),
                IamAction.writing("DeleteOpenIDConnectProvider", provider, this::delete),
                IamAction.writing("AddClientIDToOpenIDConnectProvider", provider, this::addClientId),
                IamAction.writing("RemoveClientIDFromOpenIDConnectProvider", provider, this::removeClientId),
                IamAction.writing("UpdateOpenIDConnectProviderThumbprint", provider, this::updateThumbprint),
                IamAction.writing("TagOpenIDConnectProvider", provider, this::tag),
                IamAction.writing("UntagOpenIDConnectProvider", provider, this::untag),
                IamAction.reading("ListOpenIDConnectProviderTags", provider, this::listTags));
    }

    private Result create(AuthenticatedCaller caller, QueryParameters params) {
        OidcProviderRules.Issuer issuer = oidcRules.issuer(params.required("Url"));
        List<String> clientIds = oidcRules.clientIds(params.memberList("ClientIDList"));
        List<String> thumbprints = oidcRules.thumbprints(params.memberList("ThumbprintList"));
        List<Tag> tags = IamParams.tags(rules, params);
        // Beyond AWS: a JWKS registered instead of discovery (a private issuer, such as a Kubernetes cluster's).
        String jwks = params.optional(JWKS).map(oidcRules::registeredJwks).orElse(null);
        OidcProvider provider = new OidcProvider(account(caller), issuer.url(), issuer.issuer(), clientIds, thumbprints,
                tags, clock.instant(), jwks);
        if (iam.findOidcProvider(provider.arn()).isPresent()) {
            throw OidcProviderRules.alreadyExists(issuer.issuer());
        }
        oidcRules.providerQuota(iam.listOidcProviders(account(caller)).size());
        if (!iam.createOidcProvider(provider)) {
            throw OidcProviderRules.alreadyExists(issuer.issuer());
        }
        publish(provider);
        return new Result(xml -> {
            xml.element("OpenIDConnectProviderArn", provider.arn());
            IamXml.tags(xml, provider.tags());
        }, Map.of("openIDConnectProviderArn", provider.arn()));
    }

    private Result get(AuthenticatedCaller caller, QueryParameters params) {
        OidcProvider provider = existing(caller, params);
        return new Result(xml -> IamXml.oidcProvider(xml, provider), null);
    }

    private Result list(AuthenticatedCaller caller, QueryParameters params) {
        List<OidcProvider> providers = iam.listOidcProviders(account(caller));
        return new Result(xml -> IamXml.members(xml, "OpenIDConnectProviderList", providers,
                (w, provider) -> w.element("Arn", provider.arn())), null);
    }

    private Result delete(AuthenticatedCaller caller, QueryParameters params) {
        OidcProvider provider = existing(caller, params);
        if (!iam.deleteOidcProvider(provider)) {
            throw IamRepository.noSuchOidcProvider(provider.arn());
        }
        publish(provider);
        return Result.empty();
    }

    /** Idempotent, as on AWS: a client id the provider has already is not added twice. */
    private Result addClientId(AuthenticatedCaller caller, QueryParameters params) {
        OidcProvider current = existing(caller, params);
        String clientId = params.required("ClientID");
        oidcRules.clientId(clientId);
        update(current, provider -> {
            List<String> clientIds = new ArrayList<>(provider.clientIds());
            clientIds.add(clientId);
            return withClientIds(provider, oidcRules.clientIds(clientIds));
        });
        return Result.empty();
    }

    /** Idempotent, as on AWS: removing a client id the provider does not have is no error. */
    private Result removeClientId(AuthenticatedCaller caller, QueryParameters params) {
        OidcProvider current = existing(caller, params);
        String clientId = params.required("ClientID");
        oidcRules.clientId(clientId);
        update(current, provider -> withClientIds(provider,
                provider.clientIds().stream().filter(id -> !id.equals(clientId)).toList()));
        return Result.empty();
    }

    /** Replaces the whole list; an empty list is allowed (thumbprints are optional, as on AWS since 2024). */
    private Result updateThumbprint(AuthenticatedCaller caller, QueryParameters params) {
        OidcProvider current = existing(caller, params);
        List<String> given = params.memberList("ThumbprintList");
        if (given.isEmpty() && params.optional("ThumbprintList").isEmpty()) {
            ValidationErrors missing = new ValidationErrors();
            missing.missing("thumbprintList");
            missing.throwIfAny();
        }
        List<String> thumbprints = oidcRules.thumbprints(given);
        update(current, provider -> new OidcProvider(provider.account(), provider.url(), provider.issuer(),
                provider.clientIds(), thumbprints, provider.tags(), provider.createDate(), provider.jwks()));
        return Result.empty();
    }

    private Result tag(AuthenticatedCaller caller, QueryParameters params) {
        OidcProvider current = existing(caller, params);
        List<Tag> added = IamParams.addedTags(rules, params);
        update(current, provider -> withTags(provider, IamParams.merged(rules, provider.tags(), added)));
        return Result.empty();
    }

    private Result untag(AuthenticatedCaller caller, QueryParameters params) {
        OidcProvider current = existing(caller, params);
        List<String> keys = IamParams.removedTagKeys(params);
        update(current, provider -> withTags(provider, IamParams.without(provider.tags(), keys)));
        return Result.empty();
    }

    private Result listTags(AuthenticatedCaller caller, QueryParameters params) {
        Page<Tag> page = Page.of(existing(caller, params).tags(), params);
        return new Result(xml -> {
            IamXml.members(xml, "Tags", page.items(), (w, tag) -> w.element("Key", tag.key()).element("Value", tag.value()));
            IamXml.page(xml, page);
        }, null);
    }

    /** The provider the request names, in the caller's account; any other account's is NoSuchEntity. */
    private OidcProvider existing(AuthenticatedCaller caller, QueryParameters params) {
        String arn = oidcRules.providerArn(params.required(ARN));
        return iam.findOidcProvider(arn).filter(provider -> provider.account().equals(account(caller)))
                .orElseThrow(() -> IamRepository.noSuchOidcProvider(arn));
    }

    private void update(OidcProvider current, UnaryOperator<OidcProvider> change) {
        publish(iam.updateOidcProvider(current.arn(), change));
    }

    /** The ARN a CreateOpenIDConnectProvider call would create: its Url without the scheme. */
    private String newProviderArn(AuthenticatedCaller caller, QueryParameters params) {
        String url = params.optional("Url").orElse("");
        int scheme = url.indexOf("://");
        return OidcProvider.arnOf(account(caller), scheme < 0 ? url : url.substring(scheme + 3));
    }

    private static OidcProvider withClientIds(OidcProvider provider, List<String> clientIds) {
        return new OidcProvider(provider.account(), provider.url(), provider.issuer(), clientIds, provider.thumbprints(),
                provider.tags(), provider.createDate(), provider.jwks());
    }

    private static OidcProvider withTags(OidcProvider provider, List<Tag> tags) {
        return new OidcProvider(provider.account(), provider.url(), provider.issuer(), provider.clientIds(),
                provider.thumbprints(), tags, provider.createDate(), provider.jwks());
    }

    private void publish(OidcProvider provider) {
        changes.publish(IamChange.of(IamChange.Kind.OIDC_PROVIDER, provider.account(), provider.arn()));
    }
}
