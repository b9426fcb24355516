package dev.sts.core.api;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.protocol.QueryParameters;

/** Decides whether an authenticated caller may run an action. Refuses by throwing AccessDenied. */
@FunctionalInterface
public interface ActionAuthorizer {
    /** Lets every authenticated caller through: for actions AWS never denies to valid credentials. */
    ActionAuthorizer ALLOW_AUTHENTICATED = (request, caller, action, params) -> {
    };

    void authorize(InboundRequest request, AuthenticatedCaller caller, QueryAction action, QueryParameters params);

    /**
     * Before an {@link QueryAction#unsigned() unsigned} action runs. Such an action has no caller whose policies
     * could be asked (it decides with the role's trust policy itself), so by default nothing is checked here;
     * throttling applies ({@link dev.sts.core.ratelimit.RateLimitingAuthorizer}).
     *
     * @param account the account the call is made against ({@link QueryAction#unsignedAccount})
     */
    default void authorizeUnsigned(InboundRequest request, String account, QueryAction action, QueryParameters params) {
    }
}
