package dev.sts.policy.action;

import dev.sts.core.federation.OidcProviderRules;
import dev.sts.core.federation.OutboundIssuerIdentifiers;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.policy.messaging.IamChangePublisher;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Every action of the IAM Query API, family by family. */
@ApplicationScoped
public class IamActionCatalog {
    private final List<IamAction> actions;

    IamActionCatalog(IamRepository iam, IamRules rules, IamChangePublisher changes, Clock clock, SimulationActions simulation,
                     OidcProviderRules oidcRules, OutboundIssuerIdentifiers outboundIssuers) {
        List<IamAction> all = new ArrayList<>();
        all.addAll(new RoleActions(iam, rules, changes, clock).actions());
        all.addAll(new PolicyActions(iam, rules, changes, clock).actions());
        all.addAll(new UserActions(iam, rules, changes, clock).actions());
        all.addAll(new AccessKeyActions(iam, rules, changes, clock).actions());
        all.addAll(new MfaActions(iam, rules, changes, clock).actions());
        all.addAll(new OidcProviderActions(iam, rules, oidcRules, changes, clock).actions());
        all.addAll(new OutboundFederationActions(iam, outboundIssuers, changes, clock).actions());
        all.addAll(simulation.actions());
        this.actions = List.copyOf(all);
    }

    public List<IamAction> actions() {
        return actions;
    }
}
