package dev.sts.policy.service;

import dev.sts.core.api.ActionAuthorizer;
import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.AuthorizationQuery;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.authz.IamActionContext;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.action.IamAction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every IAM call is itself authorized: {@code iam:<Action>} on the resource it touches, by the caller's policies,
 * with the condition keys the IAM service authorization reference lists for the action ({@link IamActionContext}).
 */
@ApplicationScoped
public class IamCallAuthorizer implements ActionAuthorizer {
    private final CallerAuthorization authorization;
    private final IamActionContext actionContext;

    IamCallAuthorizer(CallerAuthorization authorization, IamActionContext actionContext) {
        this.authorization = authorization;
        this.actionContext = actionContext;
    }

    @Override
    public void authorize(InboundRequest request, AuthenticatedCaller caller, QueryAction action, QueryParameters params) {
        IamAction iamAction = (IamAction) action;
        String resource = iamAction.resourceOf().arn(caller, params);
        AuthorizationQuery query = AuthorizationQuery.of(iamAction.policyAction(), resource, request.sourceIp())
                .withActionKeys(actionContext.ofCall(iamAction.name(), resource, caller.identity().account(), params));
        authorization.require(caller, query);
    }
}
