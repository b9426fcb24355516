package dev.sts.policy.service;

import dev.sts.core.api.ActionAuthorizer;
import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.action.IamAction;
import jakarta.enterprise.context.ApplicationScoped;

/** Every IAM call is itself authorized: {@code iam:<Action>} on the resource it touches, by the caller's policies. */
@ApplicationScoped
public class IamCallAuthorizer implements ActionAuthorizer {
    private final CallerAuthorization authorization;

    IamCallAuthorizer(CallerAuthorization authorization) {
        this.authorization = authorization;
    }

    @Override
    public void authorize(InboundRequest request, AuthenticatedCaller caller, QueryAction action, QueryParameters params) {
        IamAction iamAction = (IamAction) action;
        authorization.require(caller, iamAction.policyAction(), iamAction.resourceOf().arn(caller, params),
                request.sourceIp());
    }
}
