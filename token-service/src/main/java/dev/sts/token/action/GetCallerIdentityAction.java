package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.protocol.QueryParameters;
import jakarta.enterprise.context.ApplicationScoped;

/** GetCallerIdentity: never denied to a caller whose signature is valid. */
@ApplicationScoped
public class GetCallerIdentityAction implements QueryAction {
    @Override
    public String name() {
        return "GetCallerIdentity";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
        CallerIdentity identity = caller.identity();
        return new Result(xml -> xml
                .element("UserId", identity.userId())
                .element("Account", identity.account())
                .element("Arn", identity.arn()), null);
    }
}
