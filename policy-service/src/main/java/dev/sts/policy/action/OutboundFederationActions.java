package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.OutboundFederation;
import dev.sts.core.federation.OutboundIssuerIdentifiers;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.messaging.IamChangePublisher;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.sts.policy.action.IamParams.account;

/**
 * Outbound web identity federation, per account: EnableOutboundWebIdentityFederation gives the account an issuer
 * identifier ({@code <base>/outbound/<32 random hex>}) under which federation-service publishes the discovery
 * document and JWKS of the tokens GetWebIdentityToken signs; GetOutboundWebIdentityFederationInfo reads it;
 * DisableOutboundWebIdentityFederation switches it off. All three are authorized on resource {@code *}, as AWS lists
 * them.
 */
final class OutboundFederationActions {
    private final IamRepository iam;
    private final OutboundIssuerIdentifiers issuers;
    private final IamChangePublisher changes;
    private final Clock clock;

    OutboundFederationActions(IamRepository iam, OutboundIssuerIdentifiers issuers, IamChangePublisher changes, Clock clock) {
        this.iam = iam;
        this.issuers = issuers;
        this.changes = changes;
        this.clock = clock;
    }

    List<IamAction> actions() {
        IamAction.ResourceOf any = (caller, params) -> "*";
        return List.of(
                IamAction.writing("EnableOutboundWebIdentityFederation", any, this::enable),
                IamAction.reading("GetOutboundWebIdentityFederationInfo", any, this::info),
                IamAction.writing("DisableOutboundWebIdentityFederation", any, this::disable));
    }

    private Result enable(AuthenticatedCaller caller, QueryParameters params) {
        OutboundFederation federation = new OutboundFederation(account(caller), issuers.newIdentifier(), clock.instant());
        if (!iam.enableOutboundFederation(federation)) {
            throw new StsException(StsErrorCode.FEATURE_ENABLED,
                    "Outbound web identity federation is already enabled for this account.");
        }
        publish(federation.account());
        return new Result(xml -> xml.element("IssuerIdentifier", federation.issuerIdentifier()),
                Map.of("issuerIdentifier", federation.issuerIdentifier()));
    }

    private Result info(AuthenticatedCaller caller, QueryParameters params) {
        OutboundFederation federation = iam.findOutboundFederation(account(caller)).orElseThrow(
                OutboundFederationActions::disabled);
        return new Result(xml -> xml.element("IssuerIdentifier", federation.issuerIdentifier())
                .element("JwtVendingEnabled", "true"), null);
    }

    private Result disable(AuthenticatedCaller caller, QueryParameters params) {
        if (!iam.disableOutboundFederation(account(caller))) {
            throw disabled();
        }
        publish(account(caller));
        return Result.empty();
    }

    private void publish(String account) {
        changes.publish(IamChange.of(IamChange.Kind.OUTBOUND_FEDERATION, account, account));
    }

    private static StsException disabled() {
        return new StsException(StsErrorCode.FEATURE_DISABLED,
                "Outbound web identity federation is not enabled for this account.");
    }
}
