package dev.sts.policy.action;

import dev.sts.core.api.QueryAction.Result;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.AccessKey;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.IamUser;
import dev.sts.core.id.Identifiers;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.policy.messaging.IamChangePublisher;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.sts.policy.action.IamParams.account;

/**
 * The access key actions of the IAM API. Without UserName each acts on the caller's own keys (a root
 * caller's are the root keys). The secret is shown once, in CreateAccessKey's answer, and never audited.
 * Every change is published, which is what makes token-service drop a key from its cache: an
 * Inactive or deleted key stops authenticating as soon as the change arrives.
 */
final class AccessKeyActions {
    static final int MAX_KEYS_PER_USER = 2;
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[\\w]+");

    private final IamRepository iam;
    private final IamRules rules;
    private final IamChangePublisher changes;
    private final Clock clock;

    AccessKeyActions(IamRepository iam, IamRules rules, IamChangePublisher changes, Clock clock) {
        this.iam = iam;
        this.rules = rules;
        this.changes = changes;
        this.clock = clock;
    }

    List<IamAction> actions() {
        IamAction.ResourceOf owner = (caller, params) -> UserActions.subjectArn(iam, caller, params);
        return List.of(
                IamAction.writing("CreateAccessKey", owner, this::createAccessKey),
                IamAction.reading("ListAccessKeys", owner, this::listAccessKeys),
                IamAction.writing("UpdateAccessKey", owner, this::updateAccessKey),
                IamAction.writing("DeleteAccessKey", owner, this::deleteAccessKey));
    }

    private Result createAccessKey(AuthenticatedCaller caller, QueryParameters params) {
        String account = account(caller);
        String userName = owner(caller, params);
        AccessKey key = new AccessKey(Identifiers.newLongTermAccessKeyId(), Identifiers.newSecretAccessKey(),
                AccessKey.Status.Active, account, userName, clock.instant());
        if (iam.listAccessKeys(account, userName).size() >= MAX_KEYS_PER_USER) {
            throw quotaExceeded();
        }
        if (!iam.createAccessKey(key)) {
            throw new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "Could not create the access key; please retry.");
        }
        if (iam.listAccessKeys(account, userName).size() > MAX_KEYS_PER_USER) {
            // Another CreateAccessKey won the race for the last slot: give ours back rather than exceed the quota.
            iam.deleteAccessKey(key);
            throw quotaExceeded();
        }
        publish(key);
        return new Result(xml -> xml.start("AccessKey")
                .element("UserName", key.userName())
                .element("AccessKeyId", key.accessKeyId())
                .element("Status", key.status().name())
                .element("SecretAccessKey", key.secretAccessKey())
                .element("CreateDate", IamXml.time(key.createDate()))
                .end("AccessKey"), Map.of("accessKey", auditView(key)));
    }

    private Result listAccessKeys(AuthenticatedCaller caller, QueryParameters params) {
        Page<AccessKey> page = Page.of(iam.listAccessKeys(account(caller), owner(caller, params)), params);
        return new Result(xml -> {
            IamXml.members(xml, "AccessKeyMetadata", page.items(), IamXml::accessKeyMetadata);
            IamXml.page(xml, page);
        }, null);
    }

    private Result updateAccessKey(AuthenticatedCaller caller, QueryParameters params) {
        AccessKey current = ownedKey(caller, params);
        AccessKey.Status status = status(params);
        AccessKey updated = iam.updateAccessKey(current.accessKeyId(), key -> new AccessKey(key.accessKeyId(),
                key.secretAccessKey(), status, key.account(), key.userName(), key.createDate()));
        publish(updated);
        return Result.empty();
    }

    private Result deleteAccessKey(AuthenticatedCaller caller, QueryParameters params) {
        AccessKey key = ownedKey(caller, params);
        if (!iam.deleteAccessKey(key)) {
            throw noSuchKey(key.accessKeyId());
        }
        publish(key);
        return Result.empty();
    }

    /** The user whose keys these are (its name as stored), or null for the root's own keys. */
    private String owner(AuthenticatedCaller caller, QueryParameters params) {
        Optional<String> subject = UserActions.subjectUserName(rules, caller, params);
        if (subject.isEmpty()) {
            return null;
        }
        return iam.findUser(account(caller), subject.get()).map(IamUser::userName)
                .orElseThrow(() -> UserActions.noSuchUser(subject.get()));
    }

    /** The named key, which must belong to the named user (or to the caller): any other key does not exist for this call. */
    private AccessKey ownedKey(AuthenticatedCaller caller, QueryParameters params) {
        String accessKeyId = params.required("AccessKeyId");
        params.string("AccessKeyId", 16, 128, ACCESS_KEY_ID);
        String owner = owner(caller, params);
        return iam.findAccessKey(accessKeyId)
                .filter(key -> key.account().equals(account(caller)))
                .filter(key -> owner == null ? key.belongsToRoot() : owner.equalsIgnoreCase(key.userName()))
                .orElseThrow(() -> noSuchKey(accessKeyId));
    }

    private static AccessKey.Status status(QueryParameters params) {
        String status = params.required("Status");
        return switch (status) {
            case "Active" -> AccessKey.Status.Active;
            case "Inactive" -> AccessKey.Status.Inactive;
            default -> throw StsException.validation("1 validation error detected: Value '" + printable(status)
                    + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        };
    }

    /** What the audit record shows of a key: never its secret. */
    private static Map<String, Object> auditView(AccessKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("accessKeyId", key.accessKeyId());
        view.put("status", key.status().name());
        if (key.userName() != null) {
            view.put("userName", key.userName());
        }
        return view;
    }

    private static String printable(String raw) {
        String cut = raw.length() > 32 ? raw.substring(0, 32) + "..." : raw;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static StsException quotaExceeded() {
        return new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
    }

    private static StsException noSuchKey(String accessKeyId) {
        return new StsException(StsErrorCode.NO_SUCH_ENTITY, "The Access Key with id " + printable(accessKeyId)
                + " cannot be found.");
    }

    private void publish(AccessKey key) {
        changes.publish(IamChange.of(IamChange.Kind.ACCESS_KEY, key.account(), key.accessKeyId()));
    }
}
