package dev.sts.policy.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.protocol.QueryParameters;

/**
 * One IAM API action: its handler, and the resource it acts on, which the caller's policies must
 * allow for {@code iam:<name>} before the handler runs.
 */
public record IamAction(String name, boolean readOnly, ResourceOf resourceOf, Handler handler) implements QueryAction {

    /** The ARN the action is authorized against, from the caller and the request. */
    @FunctionalInterface
    public interface ResourceOf {
        String arn(AuthenticatedCaller caller, QueryParameters params);
    }

    @FunctionalInterface
    public interface Handler {
        Result handle(AuthenticatedCaller caller, QueryParameters params);
    }

    public static IamAction reading(String name, ResourceOf resourceOf, Handler handler) {
        return new IamAction(name, true, resourceOf, handler);
    }

    public static IamAction writing(String name, ResourceOf resourceOf, Handler handler) {
        return new IamAction(name, false, resourceOf, handler);
    }

    /** The action as IAM policies name it, e.g. {@code iam:CreateRole}. */
    public String policyAction() {
        return "iam:" + name;
    }

    @Override
    public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
        return handler.handle(caller, params);
    }
}
