package dev.sts.core.ratelimit;

import dev.sts.core.api.ActionAuthorizer;
import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.protocol.QueryParameters;

/**
 * Throttles by the caller's account and the action before the wrapped authorizer decides; an unsigned call by the
 * account it is made against (the role's) and the action.
 */
public final class RateLimitingAuthorizer implements ActionAuthorizer {
    private final RateLimits limits;
    private final ActionAuthorizer next;

    public RateLimitingAuthorizer(RateLimits limits, ActionAuthorizer next) {
        this.limits = limits;
        this.next = next;
    }

    @Override
    public void authorize(InboundRequest request, AuthenticatedCaller caller, QueryAction action, QueryParameters params) {
        limits.acquire(caller.identity().account(), action.name());
        next.authorize(request, caller, action, params);
    }

    @Override
    public void authorizeUnsigned(InboundRequest request, String account, QueryAction action, QueryParameters params) {
        limits.acquire(account, action.name());
        next.authorizeUnsigned(request, account, action, params);
    }
}
