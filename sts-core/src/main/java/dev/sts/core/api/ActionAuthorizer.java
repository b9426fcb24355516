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
}
