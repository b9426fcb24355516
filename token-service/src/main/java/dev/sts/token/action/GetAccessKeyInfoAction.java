package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.auth.CachingSigningKeyDirectory;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.id.AccessKeyKind;
import dev.sts.core.id.Identifiers;
import dev.sts.core.iam.LongTermSigningKey;
import dev.sts.core.sigv4.CredentialScope;
import dev.sts.token.config.CoreBeans;
import dev.sts.token.config.TokenServiceConfig;
import dev.sts.core.protocol.QueryParameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GetAccessKeyInfo: the account that owns an access key id. Like AWS, any authenticated caller may ask about
 * any key, and the answer is only the account id. A long-term key is looked up; a temporary key names its
 * account itself (as on AWS, which reads the account from the id without looking the key up).
 */
@ApplicationScoped
public class GetAccessKeyInfoAction implements QueryAction {
    private static final Pattern KEY_ID = Pattern.compile("[\\w]*");

    private final CachingSigningKeyDirectory longTermKeys;

    private final Clock clock;
    private final String region;

    GetAccessKeyInfoAction(CachingSigningKeyDirectory longTermKeys, Clock clock, TokenServiceConfig config) {
        this.longTermKeys = longTermKeys;
        this.clock = clock;
        this.region = config.region();
    }

    @Override
    public String name() {
        return "GetAccessKeyInfo";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
        params.required("AccessKeyId");
        String accessKeyId = params.string("AccessKeyId", 16, 128, KEY_ID).orElseThrow();
        Optional<String> account = switch (AccessKeyKind.of(accessKeyId)) {
            // The directory answers a key with its owner for a scope; today's STS scope is the one most likely cached.
            case LONG_TERM -> longTermKeys.find(accessKeyId, todaysScope()).map(LongTermSigningKey::owner)
                    .map(owner -> owner.account());
            case TEMPORARY -> Identifiers.accountOfTemporaryAccessKeyId(accessKeyId);
            case UNKNOWN -> Optional.empty();
        };
        String owner = account.orElseThrow(() -> new StsException(StsErrorCode.INVALID_PARAMETER_VALUE,
                "The access key ID " + accessKeyId + " is not valid."));
        return new Result(xml -> xml.element("Account", owner), null);
    }

    private CredentialScope todaysScope() {
        return CredentialScope.at(clock.instant(), region, CoreBeans.SIGNING_SERVICE);
    }
}
