package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.token.AuthorizationMessageCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.token.config.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * DecodeAuthorizationMessage: reveals the details sealed into a denial's encoded message, to callers
 * whose policies allow {@code sts:DecodeAuthorizationMessage} (the details can show policy contents).
 */
@ApplicationScoped
public class DecodeAuthorizationMessageAction implements QueryAction {
    static final int MAX_ENCODED_MESSAGE = 10_240;

    private final AuthorizationMessageCodec messages;
    private final CallerAuthorization authorization;

    DecodeAuthorizationMessageAction(TokenServiceConfig config, CallerAuthorization authorization) {
        this.messages = new AuthorizationMessageCodec(TokenKeyRing.parse(config.tokenKeys()));
        this.authorization = authorization;
    }

    @Override
    public String name() {
        return "DecodeAuthorizationMessage";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
        params.required("EncodedMessage");
        String encoded = params.string("EncodedMessage", 1, MAX_ENCODED_MESSAGE, null).orElseThrow();
        authorization.require(caller, "sts:DecodeAuthorizationMessage", "*", null);
        String decoded = messages.decode(encoded);
        return new Result(xml -> xml.element("DecodedMessage", decoded), null);
    }
}
